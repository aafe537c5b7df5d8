package dev.modelport.scoring;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.modelport.testing.FixtureCase;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of {@code shared/tools/conformance.py}'s {@code judge}, in Java: status; JSON media
 * type where MLflow answered JSON; JSON bodies structurally (ints stay ints, floats within the
 * case's relative tolerance, NaN equal to NaN); error bodies by error_code and the message's first
 * two words. Returns why a response differs, or empty when it passes.
 */
public final class ConformanceJudge {
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Pattern WORD = Pattern.compile("[A-Za-z']+");
    private static final double ABS_TOL = 1e-12;

    private ConformanceJudge() {
    }

    static Optional<String> judge(FixtureCase c, ScoringResponse r) {
        String body = r.bodyText();
        if (r.status() != c.status()) {
            return Optional.of("status: expected " + c.status() + ", got " + r.status() + "; body: " + abbreviate(body));
        }
        String want = mediaType(c.contentType());
        if (want.equals("application/json") && !mediaType(r.contentType()).equals(want)) {
            return Optional.of("content type: expected " + want + ", got " + r.contentType());
        }
        Optional<JsonNode> expected = c.expectJson().or(() -> c.expectText().flatMap(ConformanceJudge::parse))
                .or(() -> c.errorCode().map(code -> JSON.createObjectNode().put("error_code", code)));
        if (expected.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> got = parse(body);
        if (c.status() >= 400) {
            JsonNode e = expected.get();
            if (!e.isObject() || !e.has("error_code")) {
                return Optional.empty();
            }
            if (got.isEmpty() || !got.get().isObject()) {
                return Optional.of("error body is not a JSON object: " + abbreviate(body));
            }
            if (!e.get("error_code").asText().equals(got.get().path("error_code").asText(null))) {
                return Optional.of("error_code: expected " + e.get("error_code").asText() + ", got " + got.get().path("error_code"));
            }
            String message = got.get().path("message").asText("").strip();
            if (message.isEmpty()) {
                return Optional.of("error body has no message");
            }
            List<String> lead = words(e.path("message").asText(""), 2);
            if (!lead.isEmpty() && !words(message, lead.size()).equals(lead)) {
                return Optional.of("message should open as MLflow's does (" + String.join(" ", lead) + "...), got " + abbreviate(message));
            }
            return Optional.empty();
        }
        if (got.isEmpty()) {
            return Optional.of("expected JSON, got: " + abbreviate(body));
        }
        return compare(expected.get(), got.get(), c.tolerance(), "$");
    }

    /** Where {@code got} differs from {@code expected} (floats within relative {@code rel}), or empty when it does not. */
    public static Optional<String> compare(JsonNode expected, JsonNode got, double rel, String path) {
        if (expected.isBoolean() || got.isBoolean()) {
            return expected.isBoolean() && got.isBoolean() && expected.asBoolean() == got.asBoolean() ? Optional.empty()
                    : Optional.of(path + ": expected " + expected + ", got " + got);
        }
        if (expected.isIntegralNumber()) {
            return got.isIntegralNumber() && expected.bigIntegerValue().equals(got.bigIntegerValue()) ? Optional.empty()
                    : Optional.of(path + ": expected integer " + expected + ", got " + got);
        }
        if (expected.isNumber()) {
            if (!got.isNumber()) {
                return Optional.of(path + ": expected number " + expected + ", got " + got);
            }
            double e = expected.doubleValue();
            double g = got.doubleValue();
            boolean same = Double.isNaN(e) ? Double.isNaN(g) && got.isFloatingPointNumber()
                    : e == g || Math.abs(e - g) <= Math.max(rel * Math.max(Math.abs(e), Math.abs(g)), ABS_TOL);
            return same ? Optional.empty() : Optional.of(path + ": expected " + expected + ", got " + got);
        }
        if (expected.isObject()) {
            if (!got.isObject()) {
                return Optional.of(path + ": expected object, got " + got.getNodeType());
            }
            if (!new HashSet<>(names(expected)).equals(new HashSet<>(names(got)))) {
                return Optional.of(path + ": keys differ: expected " + names(expected) + ", got " + names(got));
            }
            for (String key : names(expected)) {
                Optional<String> diff = compare(expected.get(key), got.get(key), rel, path + "." + key);
                if (diff.isPresent()) {
                    return diff;
                }
            }
            return Optional.empty();
        }
        if (expected.isArray()) {
            if (!got.isArray()) {
                return Optional.of(path + ": expected array, got " + got.getNodeType());
            }
            if (expected.size() != got.size()) {
                return Optional.of(path + ": expected " + expected.size() + " items, got " + got.size());
            }
            for (int i = 0; i < expected.size(); i++) {
                Optional<String> diff = compare(expected.get(i), got.get(i), rel, path + "[" + i + "]");
                if (diff.isPresent()) {
                    return diff;
                }
            }
            return Optional.empty();
        }
        return expected.equals(got) ? Optional.empty() : Optional.of(path + ": expected " + expected + ", got " + got);
    }

    private static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }

    static List<String> words(String message, int n) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(message);
        while (out.size() < n && m.find()) {
            out.add(m.group().toLowerCase(Locale.ROOT));
        }
        return out;
    }

    private static Optional<JsonNode> parse(String text) {
        try {
            return Optional.of(JSON.readTree(text));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String mediaType(String value) {
        return value == null ? "" : value.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
