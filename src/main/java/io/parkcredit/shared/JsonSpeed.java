package io.parkcredit.shared;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Serializes the API's records with generated accessors (Jackson's Blackbird module) instead of
 * reflection: a queue page of 20 financing requests is most of a request's time in the server
 * (BENCHMARKS.md, "Financing market").
 */
@Singleton
public class JsonSpeed implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new BlackbirdModule());
    }
}
