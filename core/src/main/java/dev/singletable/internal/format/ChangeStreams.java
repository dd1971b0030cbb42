package dev.singletable.internal.format;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The stream change events read: new and old images. The one rule of whether a table has it, shared by the schema
 * (creating, enabling and validating the table) and the change stream (refusing to start without it).
 */
public final class ChangeStreams {

	/** The stream change events need. */
	public static final StreamSpecification SPECIFICATION = StreamSpecification.builder()
		.streamEnabled(true)
		.streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)
		.build();

	private ChangeStreams() {
	}

	/**
	 * Returns whether the table has a stream, of any view type.
	 */
	public static boolean isEnabled(TableDescription table) {
		StreamSpecification stream = table.streamSpecification();
		return stream != null && Boolean.TRUE.equals(stream.streamEnabled());
	}

	/**
	 * Returns what the table lacks for change events, to follow its name ({@code "has no stream, …"}), or
	 * {@literal null} when it has the stream they need.
	 */
	public static @Nullable String problem(TableDescription table) {
		if (!isEnabled(table)) {
			return "has no stream, which change events read: enable it with new and old images (NEW_AND_OLD_IMAGES)";
		}
		if (table.streamSpecification().streamViewType() != StreamViewType.NEW_AND_OLD_IMAGES) {
			return "has a stream of " + table.streamSpecification().streamViewTypeAsString() + ", but change events "
					+ "need the old and new state (NEW_AND_OLD_IMAGES): disable the stream and enable it again with "
					+ "that view type";
		}
		return null;
	}

}
