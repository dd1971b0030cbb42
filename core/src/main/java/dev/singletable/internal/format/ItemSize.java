package dev.singletable.internal.format;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Estimates the stored size of an item the way DynamoDB counts it (attribute names plus values), erring on the
 * large side, so that oversized writes fail before they are sent.
 */
public final class ItemSize {

	private ItemSize() {
	}

	public static long of(Map<String, AttributeValue> item) {
		return of(item, false);
	}

	/**
	 * Returns the estimated size of an item when it exceeds a limit, else -1. A bound that counts every character
	 * as 3 bytes (the most a UTF-16 unit takes in UTF-8) settles most items without looking at their characters;
	 * only an item whose bound exceeds the limit is estimated exactly.
	 * @param item the item
	 * @param limit the largest size allowed
	 * @return the estimate when above {@code limit}, else -1
	 */
	public static long exceeding(Map<String, AttributeValue> item, long limit) {
		if (of(item, true) <= limit) {
			return -1;
		}
		long size = of(item, false);
		return (size > limit) ? size : -1;
	}

	private static long of(Map<String, AttributeValue> item, boolean bound) {
		Sum sum = new Sum(bound);
		item.forEach(sum);
		// a top-level attribute counts its name and value only; the sum counted a byte for each, as for a map's entry
		return sum.size - item.size();
	}

	/**
	 * The size of the values it is given, added up as a map's entries and a list's elements are walked. The SDK's
	 * collections are unmodifiable views: walking them with {@code forEach} wraps no entry in a new object, and one
	 * sum serves the whole item.
	 */
	private static final class Sum implements BiConsumer<String, AttributeValue>, Consumer<AttributeValue> {

		private final boolean bound;

		private long size;

		Sum(boolean bound) {
			this.bound = bound;
		}

		/** A map's entry: a byte, its name and its value. */
		@Override
		public void accept(String name, AttributeValue value) {
			this.size += 1 + text(name, this.bound);
			add(value);
		}

		/** A list's element: a byte and its value. */
		@Override
		public void accept(AttributeValue element) {
			this.size += 1;
			add(element);
		}

		private void add(AttributeValue value) {
			if (value.s() != null) {
				this.size += text(value.s(), this.bound);
			}
			else if (value.n() != null) {
				this.size += number(value.n());
			}
			else if (value.b() != null) {
				this.size += value.b().asByteArrayUnsafe().length;
			}
			else if (value.bool() != null || value.nul() != null) {
				this.size += 1;
			}
			else {
				this.size += 3;
				if (value.hasM()) {
					value.m().forEach(this);
				}
				else if (value.hasL()) {
					value.l().forEach(this);
				}
				else if (value.hasSs()) {
					for (String element : value.ss()) {
						this.size += text(element, this.bound);
					}
				}
				else if (value.hasNs()) {
					for (String element : value.ns()) {
						this.size += number(element);
					}
				}
				else if (value.hasBs()) {
					for (SdkBytes element : value.bs()) {
						this.size += element.asByteArrayUnsafe().length;
					}
				}
			}
		}

	}

	private static long text(String text, boolean bound) {
		return bound ? 3L * text.length() : utf8(text);
	}

	/** A number's size: about a byte for two digits, and one more. */
	private static long number(String number) {
		return (number.length() + 1) / 2 + 1;
	}

	/**
	 * Counts the UTF-8 bytes of a string without encoding it. An unpaired surrogate counts 3 bytes (the encoder
	 * would write 1), keeping the estimate on the large side.
	 */
	public static long utf8(String text) {
		long bytes = text.length();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c < 0x80) {
				continue;
			}
			if (c < 0x800) {
				bytes += 1;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				bytes += 2;
				i++;
			}
			else {
				bytes += 2;
			}
		}
		return bytes;
	}

}
