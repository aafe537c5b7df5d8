package dev.modelport.flavor.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession.SessionOptions;
import ai.onnxruntime.OrtSession.SessionOptions.ExecutionMode;
import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.modelport.ModelportException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The flavor's {@code onnx_session_options}, read as {@code _OnnxModelWrapper} reads them: a key
 * that is absent or falsy ({@code 0}) is skipped, an {@code execution_mode} other than sequential
 * or parallel is ignored, {@code graph_optimization_level} must name a level (1, 2, 99),
 * {@code extra_session_config} entries are passed on as they are. One difference, on purpose:
 * without {@code intra_op_num_threads} a session gets one intra-op thread rather than ONNX
 * Runtime's one per core, since the scoring workers ({@code -w}, one per core by default) already
 * run requests side by side and per-request thread pools would oversubscribe the cores.
 */
record SessionSettings(OptionalInt interOpThreads, OptionalInt intraOpThreads, Optional<ExecutionMode> executionMode,
        Optional<OptLevel> optimization, Map<String, String> extraConfig) {
    static final int DEFAULT_INTRA_OP_THREADS = 1;

    SessionSettings {
        extraConfig = Map.copyOf(extraConfig);
    }

    /** Reads the MLmodel value ({@code null} or a mapping); a value ONNX Runtime would refuse fails the load. */
    static SessionSettings from(Object options) {
        if (options == null) {
            return new SessionSettings(OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), Map.of());
        }
        if (!(options instanceof Map<?, ?> map)) {
            throw ModelportException.badModel("onnx_session_options must be a mapping, got %s", options);
        }
        return new SessionSettings(threads(map, "inter_op_num_threads"), threads(map, "intra_op_num_threads"), executionMode(map),
                optimization(map), extraConfig(map));
    }

    SessionOptions toOptions() throws OrtException {
        SessionOptions options = new SessionOptions();
        try {
            if (interOpThreads.isPresent()) {
                options.setInterOpNumThreads(interOpThreads.getAsInt());
            }
            options.setIntraOpNumThreads(intraOpThreads.orElse(DEFAULT_INTRA_OP_THREADS));
            if (executionMode.isPresent()) {
                options.setExecutionMode(executionMode.get());
            }
            if (optimization.isPresent()) {
                options.setOptimizationLevel(optimization.get());
            }
            for (Map.Entry<String, String> e : extraConfig.entrySet()) {
                options.addConfigEntry(e.getKey(), e.getValue());
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }

    private static OptionalInt threads(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (falsy(value)) {
            return OptionalInt.empty();
        }
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() > 0
                && ((Number) value).longValue() <= Integer.MAX_VALUE) {
            return OptionalInt.of(((Number) value).intValue());
        }
        throw ModelportException.badModel("onnx_session_options.%s must be a whole number of threads, got %s", key, value);
    }

    /** Python's {@code not value} for a YAML scalar: the walrus tests in _OnnxModelWrapper skip these. */
    private static boolean falsy(Object value) {
        return value == null || Boolean.FALSE.equals(value) || "".equals(value) || value instanceof Number n && n.doubleValue() == 0;
    }

    private static Optional<ExecutionMode> executionMode(Map<?, ?> map) {
        Object value = map.get("execution_mode");
        if (falsy(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String mode)) {
            throw ModelportException.badModel("onnx_session_options.execution_mode must be 'sequential' or 'parallel', got %s", value);
        }
        return switch (mode.toUpperCase(Locale.ROOT)) {
            case "SEQUENTIAL" -> Optional.of(ExecutionMode.SEQUENTIAL);
            case "PARALLEL" -> Optional.of(ExecutionMode.PARALLEL);
            default -> Optional.empty();
        };
    }

    private static Optional<OptLevel> optimization(Map<?, ?> map) {
        Object value = map.get("graph_optimization_level");
        if (falsy(value)) {
            return Optional.empty();
        }
        return Optional.of(switch (value instanceof Integer i ? i : -1) {
            case 1 -> OptLevel.BASIC_OPT;
            case 2 -> OptLevel.EXTENDED_OPT;
            case 99 -> OptLevel.ALL_OPT;
            default -> throw ModelportException.badModel("onnx_session_options.graph_optimization_level must be 0, 1, 2 or 99, got %s",
                    value);
        });
    }

    private static Map<String, String> extraConfig(Map<?, ?> map) {
        Object value = map.get("extra_session_config");
        if (falsy(value)) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> entries)) {
            throw ModelportException.badModel("onnx_session_options.extra_session_config must be a mapping, got %s", value);
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : entries.entrySet()) {
            if (!(e.getKey() instanceof String key) || !(e.getValue() instanceof String v)) {
                throw ModelportException.badModel("onnx_session_options.extra_session_config entries must map strings to strings, got %s: %s",
                        e.getKey(), e.getValue());
            }
            out.put(key, v);
        }
        return out;
    }
}
