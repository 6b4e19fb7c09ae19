package org.yiwang.modeling;

import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored process model; {@code xml} is only read for one model, never for lists. {@code regionCode}: the region
 * it belongs to, the importing administrator's.
 */
public record ProcessModel(long id, @JsonProperty("key") String modelKey, String name, String status, int version,
        String deploymentId, String processDefinitionId, String regionCode, String createdBy, LocalDateTime createdAt,
        LocalDateTime updatedAt, String xml) {
}
