package nl.marketplace.reviews.http;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which event loop's waiting request takes a freed slot (InFlightLimit.Loop.next). */
class InFlightLimitLoopsTest {

    private static InFlightLimit.Loop loop(int running, int waiting) {
        InFlightLimit.Loop loop = new InFlightLimit.Loop();
        loop.running = running;
        for (int i = 0; i < waiting; i++) {
            loop.queue.add(new InFlightLimit.Waiting(null, null, loop, i));
        }
        return loop;
    }

    @Test
    void aSlotFreedOnALoopStartsThatLoopsRequestWhenTheLoopsAreEven() {
        InFlightLimit.Loop a = loop(31, 5);
        InFlightLimit.Loop b = loop(31, 5);
        assertSame(a, InFlightLimit.Loop.next(List.of(a, b), a));
        assertSame(b, InFlightLimit.Loop.next(List.of(a, b), b));
    }

    @Test
    void theLoopWithFewerRunningGetsTheSlotSoTheLoopsEvenOut() {
        InFlightLimit.Loop a = loop(33, 5);
        InFlightLimit.Loop b = loop(30, 5);
        assertSame(b, InFlightLimit.Loop.next(List.of(a, b), a));
        assertSame(b, InFlightLimit.Loop.next(List.of(a, b), null));
    }

    @Test
    void onlyALoopWithWaitingRequestsIsChosen() {
        InFlightLimit.Loop a = loop(33, 1);
        InFlightLimit.Loop idle = loop(0, 0);
        assertSame(a, InFlightLimit.Loop.next(List.of(idle, a), idle));
        assertNull(InFlightLimit.Loop.next(List.of(idle, loop(2, 0)), idle));
    }
}
