package dev.singletable.core;

import java.util.Map;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Estimates the stored size of an item the way DynamoDB counts it (attribute names plus values), erring on the
 * large side, so that oversized writes fail before they are sent.
 */
final class ItemSize {

	private ItemSize() {
	}

	static long of(Map<String, AttributeValue> item) {
		long size = 0;
		for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
			size += utf8(attribute.getKey()) + of(attribute.getValue());
		}
		return size;
	}

	private static long of(AttributeValue value) {
		if (value.s() != null) {
			return utf8(value.s());
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
				size += 1 + utf8(entry.getKey()) + of(entry.getValue());
			}
		}
		else if (value.hasL()) {
			for (AttributeValue element : value.l()) {
				size += 1 + of(element);
			}
		}
		else if (value.hasSs()) {
			for (String element : value.ss()) {
				size += utf8(element);
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
	static long utf8(String text) {
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
