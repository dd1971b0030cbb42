package dev.singletable.internal.format;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Compares items as DynamoDB stores them: sets in any order, numbers by value. Used to recognize that a
 * conditional write which "failed" on retry had in fact been applied by its own earlier attempt whose response
 * was lost, so that such a write reports success exactly once instead of a false conflict.
 */
public final class Items {

	private Items() {
	}

	public static boolean same(@Nullable Map<String, AttributeValue> stored, Map<String, AttributeValue> written) {
		if (stored == null || stored.size() != written.size()) {
			return false;
		}
		for (Map.Entry<String, AttributeValue> attribute : written.entrySet()) {
			if (!same(stored.get(attribute.getKey()), attribute.getValue())) {
				return false;
			}
		}
		return true;
	}

	private static boolean same(@Nullable AttributeValue a, AttributeValue b) {
		if (a == null) {
			return false;
		}
		if (b.n() != null) {
			return a.n() != null && new BigDecimal(a.n()).compareTo(new BigDecimal(b.n())) == 0;
		}
		if (b.hasSs()) {
			return a.hasSs() && new HashSet<>(a.ss()).equals(new HashSet<>(b.ss()));
		}
		if (b.hasNs()) {
			return a.hasNs() && numbers(a.ns()).equals(numbers(b.ns()));
		}
		if (b.hasBs()) {
			return a.hasBs() && new HashSet<SdkBytes>(a.bs()).equals(new HashSet<SdkBytes>(b.bs()));
		}
		if (b.hasM()) {
			if (!a.hasM() || a.m().size() != b.m().size()) {
				return false;
			}
			for (Map.Entry<String, AttributeValue> entry : b.m().entrySet()) {
				if (!same(a.m().get(entry.getKey()), entry.getValue())) {
					return false;
				}
			}
			return true;
		}
		if (b.hasL()) {
			if (!a.hasL() || a.l().size() != b.l().size()) {
				return false;
			}
			for (int i = 0; i < b.l().size(); i++) {
				if (!same(a.l().get(i), b.l().get(i))) {
					return false;
				}
			}
			return true;
		}
		return a.equals(b);
	}

	private static Set<BigDecimal> numbers(List<String> values) {
		Set<BigDecimal> numbers = new HashSet<>();
		values.forEach((value) -> numbers.add(new BigDecimal(value).stripTrailingZeros()));
		return numbers;
	}

}
