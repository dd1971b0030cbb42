package dev.singletable.events.internal;

import org.springframework.modulith.events.core.EventSerializer;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serializes events as JSON text with the template's mapper, when the application has no {@link EventSerializer} of
 * its own (Spring Modulith's Jackson module gives one).
 */
public final class JsonEventSerializer implements EventSerializer {

	private final JsonMapper mapper;

	/**
	 * Creates a serializer on a mapper.
	 */
	public JsonEventSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public Object serialize(Object event) {
		try {
			return this.mapper.writeValueAsString(event);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("The event " + event.getClass().getName() + " cannot be stored as "
					+ "JSON for its publication: " + ex.getOriginalMessage() + ". Make it serializable by Jackson, or "
					+ "declare an EventSerializer bean", ex);
		}
	}

	@Override
	public <T> T deserialize(Object serialized, Class<T> type) {
		return this.mapper.readValue(serialized.toString(), type);
	}

}
