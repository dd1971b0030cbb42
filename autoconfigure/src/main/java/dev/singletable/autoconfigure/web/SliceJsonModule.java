package dev.singletable.autoconfigure.web;

import com.fasterxml.jackson.annotation.JsonFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.Serializers;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.Cursors;

/**
 * Writes {@link Slice} results (other than {@link Page}s, which Spring Data writes as its {@code PagedModel}) as
 * {@code {"content": [...], "page": {"size": 20, "number": 0}, "hasNext": true}} and {@link Window} results as
 * {@code {"content": [...], "nextCursor": "...", "hasNext": true}}: what a client needs for the next request
 * instead of every property of Spring's implementation classes.
 */
final class SliceJsonModule extends SimpleModule {

	private static final long serialVersionUID = 1L;

	SliceJsonModule() {
		super("singletable-slice-json");
	}

	@Override
	public void setupModule(SetupContext context) {
		super.setupModule(context);
		context.addSerializers(new SliceSerializers());
	}

	private static final class SliceSerializers extends Serializers.Base {

		@Override
		public @Nullable ValueSerializer<?> findSerializer(SerializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, JsonFormat.@Nullable Value formatOverrides) {
			Class<?> raw = type.getRawClass();
			if (Window.class.isAssignableFrom(raw)) {
				return new WindowSerializer();
			}
			if (Slice.class.isAssignableFrom(raw) && !Page.class.isAssignableFrom(raw)) {
				return new SliceSerializer();
			}
			return null;
		}

	}

	private static final class SliceSerializer extends StdSerializer<Slice<?>> {

		SliceSerializer() {
			super(Slice.class);
		}

		@Override
		public void serialize(Slice<?> slice, JsonGenerator gen, SerializationContext context) {
			gen.writeStartObject();
			gen.writeName("content");
			context.writeValue(gen, slice.getContent());
			gen.writeName("page");
			gen.writeStartObject();
			gen.writeNumberProperty("size", slice.getSize());
			gen.writeNumberProperty("number", slice.getNumber());
			gen.writeEndObject();
			gen.writeBooleanProperty("hasNext", slice.hasNext());
			gen.writeEndObject();
		}

	}

	private static final class WindowSerializer extends StdSerializer<Window<?>> {

		WindowSerializer() {
			super(Window.class);
		}

		@Override
		public void serialize(Window<?> window, JsonGenerator gen, SerializationContext context) {
			gen.writeStartObject();
			gen.writeName("content");
			context.writeValue(gen, window.getContent());
			ScrollPosition last = window.isEmpty() ? null : window.positionAt(window.size() - 1);
			if (last instanceof OffsetScrollPosition offset) {
				// a window read from an offset: the next one starts after this offset
				if (window.hasNext()) {
					gen.writeNumberProperty("nextOffset", offset.getOffset());
				}
				else {
					gen.writeNullProperty("nextOffset");
				}
			}
			else {
				String next = Cursors.next(window);
				if (next != null) {
					gen.writeStringProperty("nextCursor", next);
				}
				else {
					gen.writeNullProperty("nextCursor");
				}
			}
			gen.writeBooleanProperty("hasNext", window.hasNext());
			gen.writeEndObject();
		}

	}

}
