package nl.marketplace.reviews.observability;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.FailedExecution;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.SuccessfulExecution;
import io.quarkus.scheduler.Trigger;

/**
 * Every scheduled job's runs, for the "job has not run" alerts of k8s/monitoring: the gauge
 * {@code reviews.job.last.success} (epoch seconds of its last successful run on this pod; the pod's
 * start until then, so that a job that never runs shows its age) and the counter {@code reviews.job.runs}
 * by outcome (succeeded, failed), tagged with the job's identity. From the scheduler's own events,
 * so a job added later is counted without a line here; all are registered at start.
 */
@ApplicationScoped
public class JobMetrics {

    private final MeterRegistry registry;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();

    /** One job's meters, looked up once per run instead of through the registry. */
    private record Job(AtomicLong lastSuccess, Counter succeeded, Counter failed) {
    }

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void atStart(@Observes StartupEvent event, Scheduler scheduler) {
        for (Trigger trigger : scheduler.getScheduledJobs()) {
            job(trigger.getId());
        }
    }

    void succeeded(@Observes SuccessfulExecution execution) {
        Job job = job(execution.getExecution().getTrigger().getId());
        job.lastSuccess().set(System.currentTimeMillis() / 1000);
        job.succeeded().increment();
    }

    void failed(@Observes FailedExecution execution) {
        job(execution.getExecution().getTrigger().getId()).failed().increment();
    }

    private Job job(String id) {
        return jobs.computeIfAbsent(id, key -> {
            AtomicLong value = new AtomicLong(System.currentTimeMillis() / 1000);
            Gauge.builder("reviews.job.last.success", value, AtomicLong::get).description("When the job last ran well on this pod (epoch seconds; the pod's start before that)")
                    .tag("job", key).baseUnit("seconds").register(registry);
            return new Job(value, runs(key, "succeeded"), runs(key, "failed"));
        });
    }

    private Counter runs(String id, String outcome) {
        return Counter.builder("reviews.job.runs").description("Runs of a scheduled job that ended, by outcome").tag("job", id).tag("outcome", outcome)
                .register(registry);
    }
}
