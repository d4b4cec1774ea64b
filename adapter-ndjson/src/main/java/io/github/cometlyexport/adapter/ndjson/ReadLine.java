package io.github.cometlyexport.adapter.ndjson;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * A line's keys as read, unmodifiable. Only {@link JsonLineReader} makes them, from a map nobody else holds, so the
 * typed records keep them as they are instead of copying each line's map (a tenth of the typed reader's time).
 */
final class ReadLine extends AbstractMap<String, Object> {
    private final Map<String, Object> keys;

    ReadLine(Map<String, Object> fresh) {
        this.keys = Collections.unmodifiableMap(fresh);
    }

    /** @return {@code attributes} as a record keeps it: a read line as it is, anything else copied */
    static Map<String, Object> keep(Map<String, Object> attributes) {
        return attributes instanceof ReadLine ? attributes
                : Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    @Override
    public Object get(Object key) {
        return keys.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return keys.containsKey(key);
    }

    @Override
    public int size() {
        return keys.size();
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return keys.entrySet();
    }

    @Override
    public Set<String> keySet() {
        return keys.keySet();
    }

    @Override
    public Collection<Object> values() {
        return keys.values();
    }
}
