package org.yiwang.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An item's full guide with its materials list. */
public record ItemDetail(@JsonUnwrapped Item item, List<Material> materials) {
}
