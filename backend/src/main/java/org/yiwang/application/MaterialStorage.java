package org.yiwang.application;

import java.io.InputStream;

/** Where material files live: a folder by default; an object store can implement the same. */
public interface MaterialStorage {

    /**
     * Writes the bytes under the key all at once: a reader, on this node or another sharing the storage, sees
     * either nothing or the whole file, never a part of it.
     */
    void write(String key, byte[] content);

    boolean exists(String key);

    InputStream open(String key);

    void delete(String key);
}
