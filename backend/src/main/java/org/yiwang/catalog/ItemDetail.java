package org.yiwang.catalog;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An item's full guide with its materials list and, when it binds one, its application form. */
public record ItemDetail(@JsonUnwrapped Item item, List<Material> materials, FormDefinition form) {
}
