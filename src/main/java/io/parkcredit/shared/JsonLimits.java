package io.parkcredit.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Bounds on every JSON body before any resource sees it: nesting depth, the length of a number's
 * text and of a string, then each value: decimals through {@link Numbers#bounded} (no
 * {@code 1e999999999}), floating-point values finite through {@link Numbers#finite}, no fractions
 * into whole-number fields, and strings through {@link Text}. A refused value is answered 422 naming
 * its field by {@link ProblemMapper}; a body past the stream limits is a 400.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    /** Deepest nesting of arrays and objects (the rating model, the deepest body, needs 6). */
    public static final int MAX_DEPTH = 64;
    /** Longest number text; a legitimate number needs fewer than 40 characters. */
    public static final int MAX_NUMBER_LENGTH = 100;
    /** Longest string the parser reads at all; fields refuse past {@link Text#MAX_LENGTH} with their name. */
    public static final int MAX_STRING_LENGTH = 1_000_000;

    @Override
    public void customize(ObjectMapper mapper) {
        apply(mapper);
    }

    /** Applies the limits to any mapper (also used for JSON read from form fields and stored data). */
    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .maxStringLength(MAX_STRING_LENGTH)
                .build());
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        SimpleModule module = new SimpleModule("parkcredit-input-limits");
        module.addDeserializer(BigDecimal.class, new BoundedDecimal());
        module.addDeserializer(Double.class, new FiniteDouble(new NumberDeserializers.DoubleDeserializer(Double.class, null)));
        module.addDeserializer(Double.TYPE, new FiniteDouble(new NumberDeserializers.DoubleDeserializer(Double.TYPE, 0.0)));
        module.addDeserializer(String.class, new CleanString());
        mapper.registerModule(module);
        return mapper;
    }

    static final class BoundedDecimal extends JsonDeserializer<BigDecimal> {
        @Override
        public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            BigDecimal v = NumberDeserializers.BigDecimalDeserializer.instance.deserialize(p, ctxt);
            try {
                return Numbers.bounded(v);
            } catch (InvalidValueException e) {
                throw InvalidFormatException.from(p, e.getMessage(), null, BigDecimal.class);
            }
        }
    }

    static final class FiniteDouble extends JsonDeserializer<Double> {
        private final NumberDeserializers.DoubleDeserializer delegate;

        FiniteDouble(NumberDeserializers.DoubleDeserializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_FLOAT) {
                // 1e-999999999 would silently become 0.0: a number too small to hold is refused like a decimal's
                BigDecimal d = p.getDecimalValue();
                if (d.signum() != 0 && (long) d.precision() - d.scale() < -Numbers.MAX_DECIMALS) {
                    throw InvalidFormatException.from(p, "at most " + Numbers.MAX_DECIMALS + " decimals", null, Double.class);
                }
            }
            Double v = delegate.deserialize(p, ctxt);
            if (v == null) {
                return null;
            }
            try {
                return Numbers.finite(v);
            } catch (InvalidValueException e) {
                throw InvalidFormatException.from(p, e.getMessage(), null, Double.class);
            }
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) throws com.fasterxml.jackson.databind.JsonMappingException {
            return delegate.getNullValue(ctxt);
        }
    }

    static final class CleanString extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String v = (String) StringDeserializer.instance.deserialize(p, ctxt);
            String problem = Text.problem(v, Text.MAX_LENGTH);
            if (problem != null) {
                throw InvalidFormatException.from(p, problem, null, String.class);
            }
            return v;
        }
    }
}
