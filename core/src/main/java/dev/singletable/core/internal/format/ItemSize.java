package dev.singletable.core.internal.format;

import java.util.Map;

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
		long size = 0;
		for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
			size += text(attribute.getKey(), bound) + of(attribute.getValue(), bound);
		}
		return size;
	}

	private static long text(String text, boolean bound) {
		return bound ? 3L * text.length() : utf8(text);
	}

	private static long of(AttributeValue value, boolean bound) {
		if (value.s() != null) {
			return text(value.s(), bound);
		}
		if (value.n() != null) {
			return (value.n().length() + 1) / 2 + 1;
		}
		if (value.b() != null) {
			return value.b().asByteArrayUnsafe().length;
		}
		if (value.bool() != null || value.nul() != null) {
			return 1;
		}
		long size = 3;
		if (value.hasM()) {
			for (Map.Entry<String, AttributeValue> entry : value.m().entrySet()) {
				size += 1 + text(entry.getKey(), bound) + of(entry.getValue(), bound);
			}
		}
		else if (value.hasL()) {
			for (AttributeValue element : value.l()) {
				size += 1 + of(element, bound);
			}
		}
		else if (value.hasSs()) {
			for (String element : value.ss()) {
				size += text(element, bound);
			}
		}
		else if (value.hasNs()) {
			for (String element : value.ns()) {
				size += (element.length() + 1) / 2 + 1;
			}
		}
		else if (value.hasBs()) {
			for (SdkBytes element : value.bs()) {
				size += element.asByteArrayUnsafe().length;
			}
		}
		return size;
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
