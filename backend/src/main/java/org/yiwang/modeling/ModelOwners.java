package org.yiwang.modeling;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.yiwang.catalog.ProcessOwners;

/** The catalog's question of who owns a process, answered from the deployed models. */
@Component
class ModelOwners implements ProcessOwners {

    private final ModelingService models;

    ModelOwners(ModelingService models) {
        this.models = models;
    }

    @Override
    public Optional<String> regionOf(String processKey) {
        return models.processRegion(processKey);
    }
}
