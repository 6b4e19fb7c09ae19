package org.yiwang.catalog;

/** A material an item requires (申请材料): original or copy, how many, and what files are accepted. */
public record Material(long id, int seq, String name, String form, int copies, boolean required, boolean blankForm,
        boolean sample, String acceptTypes, int maxSizeMb) {
}
