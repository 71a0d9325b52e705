package nl.marketplace.reviews.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

/** AnswerJson's shortcuts write what Jackson's plain calls write, byte for byte. */
class AnswerJsonTest {

    private static final JsonFactory JSON = new JsonFactory();

    private interface Writer {
        void write(JsonGenerator json, Object value) throws IOException;
    }

    private static String written(Writer writer, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            writer.write(json, value);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The plain way, as the answer was written before the shortcuts: Jackson's own calls, doubles through BigDecimal.valueOf. */
    @SuppressWarnings("unchecked")
    private static void plain(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String s) {
            json.writeString(s);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<String, Object> field : ((Map<String, Object>) map).entrySet()) {
                json.writeFieldName(field.getKey());
                plain(json, field.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                plain(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Boolean b) {
            json.writeBoolean(b);
        } else if (value instanceof Integer i) {
            json.writeNumber(i);
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Double d) {
            json.writeNumber(BigDecimal.valueOf(d));
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof Enum<?> e) {
            json.writeString(e.name());
        } else {
            throw new IllegalArgumentException(value.getClass().getName());
        }
    }

    private static final String[] PIECES = { "a", "Z", "0", " ", "~", "/", "\"", "\\", "\n", "\t", "\u0000", "\u001f", "\u007f", "é",
            "ë", "€", "\uD83D\uDE00", "<", "&", "'", "T12:00:00+01:00", "UmV2aWV3OjE=" };

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            text.append(PIECES[random.nextInt(random.nextBoolean() ? 6 : PIECES.length)]);
        }
        return text.toString();
    }

    private static double number(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> Math.round(random.nextDouble() * 100) / 10.0; // a score's average
            case 1 -> random.nextDouble() * Math.pow(10, random.nextInt(24) - 12);
            case 2 -> -random.nextDouble() * Math.pow(10, random.nextInt(24) - 12);
            case 3 -> new double[] { 0.0, -0.0, 1e-3, -1e-3, 9.99e-4, 1e7, 9999999.999, -1e7, 1.0, 10.0, Double.MIN_VALUE,
                    Double.MAX_VALUE }[random.nextInt(12)];
            case 4 -> (double) random.nextInt(1_000_000);
            default -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL); // any finite, positive
        };
    }

    enum Kind {
        POSITIVE, NEGATIVE
    }

    private static Object value(Random random, int depth) {
        return switch (random.nextInt(depth > 3 ? 7 : 9)) {
            case 0 -> null;
            case 1, 2 -> text(random);
            case 3 -> random.nextInt();
            case 4 -> random.nextBoolean();
            case 5 -> number(random);
            case 6 -> random.nextBoolean() ? Kind.POSITIVE : random.nextBoolean() ? (Object) random.nextLong() : BigInteger.TEN.pow(30);
            case 7 -> {
                Map<String, Object> object = random.nextBoolean() ? new LinkedHashMap<>() : new HashMap<>();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    object.put(random.nextInt(4) == 0 ? text(random) : "field" + random.nextInt(20), value(random, depth + 1));
                }
                yield object;
            }
            default -> {
                List<Object> list = random.nextBoolean() ? new ArrayList<>() : new java.util.LinkedList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    @Test
    void writesWhatJacksonsPlainCallsWrite() throws IOException {
        Random random = new Random(22);
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("partner", value(random, 0));
            data.put("reviews", value(random, 0));
            assertEquals(written(AnswerJsonTest::plain, data), written(AnswerJson::write, data), "tree " + i);
        }
    }

    @Test
    void writesDoublesAsBigDecimalValueOfDoes() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 200_000; i++) {
            double d = number(random);
            assertEquals(BigDecimal.valueOf(d).toString(), written((json, v) -> AnswerJson.number(json, (Double) v), d), "double " + d);
        }
    }

    @Test
    void keepsNoMoreNamesThanItsBound() throws IOException {
        for (int i = 0; i < AnswerJson.MAX_NAMES + 500; i++) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("alias" + i, i);
            object.put("x".repeat(AnswerJson.MAX_NAME_LENGTH + 1) + i, i);
            assertEquals(written(AnswerJsonTest::plain, object), written(AnswerJson::write, object));
        }
        assertTrue(AnswerJson.keptNames() <= AnswerJson.MAX_NAMES, "names kept: " + AnswerJson.keptNames());
    }

    @Test
    void refusesWhatIsNotPlainJson() {
        assertThrows(AnswerJson.NotPlain.class, () -> written(AnswerJson::write, List.of(new Object())));
        assertThrows(NumberFormatException.class, () -> written(AnswerJson::write, Double.NaN));
    }
}
