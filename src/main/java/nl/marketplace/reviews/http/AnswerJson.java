package nl.marketplace.reviews.http;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;

/**
 * Writes graphql-java's result data (maps, lists, strings, numbers, booleans, enums) as JSON with
 * Jackson, byte for byte as Jackson's plain calls would ({@code AnswerJsonTest} compares them), but
 * in about half their time (a page's 9.5 KB: 33 against 17 µs on one core), which is about a tenth
 * of the service's CPU per page:
 * <ul>
 * <li>field names are written from their encoded bytes, kept per name: the names of a schema's
 * fields and the aliases of the documents in use, up to {@link #MAX_NAMES} (a client's endless
 * new aliases are then written as before, not kept);
 * <li>a string of printable ASCII without a quote or backslash, most of an answer (ids, dates,
 * enum values, most texts), needs no escaping: its bytes are copied;
 * <li>a double in JSON-P's plain range is written by {@link Double#toString}, which there gives the
 * digits {@code BigDecimal.valueOf} gives, without making a BigDecimal.
 * </ul>
 */
final class AnswerJson {

    /** Names kept with their encoded bytes; beyond this many, names are written as Jackson writes any. */
    static final int MAX_NAMES = 4096;
    /** A longer name (an alias, a client's choice) is not kept. */
    static final int MAX_NAME_LENGTH = 64;

    private static final ConcurrentHashMap<String, SerializedString> NAMES = new ConcurrentHashMap<>();

    private AnswerJson() {
    }

    /** A value graphql-java's result holds that is not plain JSON: left to SmallRye (which has JSON-B for it). */
    static final class NotPlain extends RuntimeException {
        NotPlain(Object value) {
            super(value.getClass().getName(), null, false, false);
        }
    }

    /** Writes the value; {@link NotPlain} for one this does not know. */
    @SuppressWarnings("unchecked")
    static void write(JsonGenerator json, Object value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        // graphql-java's own classes first, by class (cheaper than a chain of instanceof tests)
        Class<?> type = value.getClass();
        if (type == String.class) {
            string(json, (String) value);
        } else if (type == LinkedHashMap.class) {
            object(json, (Map<String, Object>) value);
        } else if (type == ArrayList.class) {
            ArrayList<Object> list = (ArrayList<Object>) value;
            json.writeStartArray();
            for (int i = 0, n = list.size(); i < n; i++) {
                write(json, list.get(i));
            }
            json.writeEndArray();
        } else if (type == Integer.class) {
            json.writeNumber(((Integer) value).intValue());
        } else if (type == Boolean.class) {
            json.writeBoolean((Boolean) value);
        } else if (type == Double.class) {
            number(json, (Double) value);
        } else {
            other(json, value);
        }
    }

    @SuppressWarnings("unchecked")
    private static void other(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Map<?, ?> map) {
            object(json, (Map<String, Object>) map);
        } else if (value instanceof Collection<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof Short || value instanceof Byte) {
            json.writeNumber(((Number) value).intValue());
        } else if (value instanceof Long l) {
            json.writeNumber(l);
        } else if (value instanceof Float f) {
            json.writeNumber(new BigDecimal(String.valueOf(f))); // as SmallRye (JSON-P) writes it
        } else if (value instanceof BigDecimal d) {
            json.writeNumber(d);
        } else if (value instanceof BigInteger i) {
            json.writeNumber(i);
        } else if (value instanceof Enum<?> e) {
            string(json, e.name());
        } else {
            throw new NotPlain(value);
        }
    }

    private static void object(JsonGenerator json, Map<String, Object> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, Object> field : map.entrySet()) {
            name(json, field.getKey());
            write(json, field.getValue());
        }
        json.writeEndObject();
    }

    /** How many names are kept (for tests). */
    static int keptNames() {
        return NAMES.size();
    }

    static void name(JsonGenerator json, String name) throws IOException {
        SerializedString encoded = NAMES.get(name);
        if (encoded == null) {
            if (name.length() > MAX_NAME_LENGTH || NAMES.size() >= MAX_NAMES) {
                json.writeFieldName(name);
                return;
            }
            encoded = NAMES.computeIfAbsent(name, SerializedString::new);
        }
        json.writeFieldName(encoded);
    }

    static void string(JsonGenerator json, String s) throws IOException {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') {
                json.writeString(s); // escapes and UTF-8: Jackson's
                return;
            }
        }
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        json.writeRawUTF8String(ascii, 0, ascii.length);
    }

    /** As SmallRye (JSON-P) writes a double: BigDecimal.valueOf's digits. */
    static void number(JsonGenerator json, double d) throws IOException {
        double magnitude = Math.abs(d);
        // Where BigDecimal.valueOf(d).toString() has no exponent and Double.toString(d) none either, both are
        // the same digits (BigDecimal.valueOf parses Double.toString's); -0.0 and 0.0 take the slow way.
        if (magnitude >= 1e-3 && magnitude < 1e7) {
            json.writeNumber(Double.toString(d));
        } else {
            json.writeNumber(BigDecimal.valueOf(d));
        }
    }
}
