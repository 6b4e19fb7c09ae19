package org.yiwang.application;

import java.io.InputStream;

/** Where material files live: a folder by default; an object store can implement the same. */
public interface MaterialStorage {

    /** Stores the bytes and answers the key to read them back with. */
    String store(InputStream content);

    InputStream open(String key);

    void delete(String key);
}
