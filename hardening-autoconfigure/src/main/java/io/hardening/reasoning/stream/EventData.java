package io.hardening.reasoning.stream;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The payload of an event: a small read-only map that keeps its keys in the order given,
 * so that the JSON has them in that order, in one array instead of a
 * {@link java.util.LinkedHashMap} with a node per entry. A run keeps its events for
 * reconnects, so this is held for every open stream. Values may be {@code null}.
 */
final class EventData extends AbstractMap<String, Object> {

	private final Object[] keysAndValues;

	private EventData(Object... keysAndValues) {
		this.keysAndValues = keysAndValues;
	}

	static Map<String, Object> of(String k1, Object v1, String k2, Object v2) {
		return new EventData(k1, v1, k2, v2);
	}

	static Map<String, Object> of(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
		return new EventData(k1, v1, k2, v2, k3, v3);
	}

	static Map<String, Object> of(String k1, Object v1, String k2, Object v2, String k3, Object v3, String k4,
			Object v4) {
		return new EventData(k1, v1, k2, v2, k3, v3, k4, v4);
	}

	/**
	 * Data of any number of entries.
	 * @param keysAndValues a key, its value, the next key...
	 */
	static Map<String, Object> ofPairs(Object... keysAndValues) {
		if (keysAndValues.length % 2 != 0) {
			throw new IllegalArgumentException("Keys and values must come in pairs");
		}
		return new EventData(keysAndValues.clone());
	}

	@Override
	public Object get(Object key) {
		for (int i = 0; i < this.keysAndValues.length; i += 2) {
			if (this.keysAndValues[i].equals(key)) {
				return this.keysAndValues[i + 1];
			}
		}
		return null;
	}

	@Override
	public boolean containsKey(Object key) {
		for (int i = 0; i < this.keysAndValues.length; i += 2) {
			if (this.keysAndValues[i].equals(key)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public int size() {
		return this.keysAndValues.length / 2;
	}

	@Override
	public Set<Entry<String, Object>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public Iterator<Entry<String, Object>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < EventData.this.keysAndValues.length;
					}

					@Override
					public Entry<String, Object> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						Object[] pairs = EventData.this.keysAndValues;
						Entry<String, Object> entry = new SimpleImmutableEntry<>((String) pairs[this.next],
								pairs[this.next + 1]);
						this.next += 2;
						return entry;
					}

				};
			}

			@Override
			public int size() {
				return EventData.this.size();
			}

		};
	}

}
