package org.yiwang.catalog;

import java.util.Optional;

/**
 * Who owns a deployed process: the region of the administrators who drew it, or the province for a template.
 * Answered by modeling/, which sits above the catalog (its test runs read items).
 */
public interface ProcessOwners {

    /** The region code that owns the process of this key; empty when no such process is deployed. */
    Optional<String> regionOf(String processKey);
}
