package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.query.InvalidCursorException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * All cursor rules in one place. A cursor is the key a query continues from (the table keys plus the keys of the
 * index read, taken from a result item or a {@code LastEvaluatedKey}) as compact JSON, encrypted and authenticated
 * with AES-GCM and written as URL-safe base64 ({@link CursorCipher}: a format byte, the id of the key it was sealed
 * with, a random nonce, the ciphertext of its issue time and content, the tag). What a cursor is bound to, its {@link Scope} (the query's types, index and partition), is authenticated
 * with it but not stored in it. Decoded, a cursor shows no key, value or JSON; altering any bit of it, or
 * presenting it to another query, fails the tag. The keys come from {@link CursorSecrets}: the current one seals,
 * the current and previous ones open (a previous one only while the cursor is younger than the rotation's grace
 * period). Decoding refuses garbage, truncated, altered, foreign, expired-grace and earlier-format cursors, and a
 * key that names other attributes than the index's, another partition or (for a single-type query) another type,
 * with {@link InvalidCursorException}. A query over several partitions ({@code partitionIn}) has cursors of the
 * same format whose content is a {@link Position} in each partition, each key in it checked against that
 * partition's scope, bound to all of them.
 * How a cursor becomes a Spring Data {@code ScrollPosition} is {@code dev.singletable.repository.Cursors}.
 */
public final class CursorCodec {

	private static final int MAX_LENGTH = 8192;

	/** The content of a merged query's cursor: its position in each partition. */
	private static final String MERGED = "in";


	/** {@literal null} for the codec of reads that hand out no cursors ({@link #NONE}). */
	private final @Nullable CursorSecrets secrets;

	/**
	 * The codec of a read whose page never leaves the query (a {@code first()}): it makes no cursors, so it needs
	 * no secret (nor reads the table's); each cursor it encodes is {@literal null}, and it decodes none.
	 */
	static final CursorCodec NONE = new CursorCodec((CursorSecrets) null);

	/**
	 * Creates a codec sealing with one secret.
	 * @param secret the secret
	 */
	public CursorCodec(byte[] secret) {
		this(CursorSecrets.of(secret));
	}

	/**
	 * Creates a codec sealing and opening with a template's secrets.
	 * @param secrets the secrets
	 */
	public CursorCodec(CursorSecrets secrets) {
		this.secrets = secrets;
	}

	/**
	 * The plan that makes the key known before this codec seals or opens a cursor ({@link CursorSecrets#known}):
	 * nothing for a codec that makes no cursors.
	 * @param tableName the table whose generated secret is read, if needed
	 * @return the plan
	 */
	public Step<Void> known(String tableName) {
		return (this.secrets != null) ? this.secrets.known(tableName) : Step.done(null);
	}

	private CursorSecrets secrets() {
		if (this.secrets == null) {
			throw new IllegalStateException("This read makes no cursors");
		}
		return this.secrets;
	}

	/**
	 * What the cursors of one query are bound to.
	 *
	 * @param binding the authenticated binding: the types' prefixes, the index and the partition
	 * @param keyAttributes the attributes a cursor's key holds: the table keys and the index keys
	 * @param partitionAttribute the index's partition key attribute
	 * @param partition the partition read
	 * @param owns whether a {@code pk} belongs to the query's type, or {@literal null} for a query over several
	 * types, whose cursors are bound by the authentication alone
	 */
	public record Scope(String binding, Set<String> keyAttributes, String partitionAttribute, String partition,
			@Nullable Predicate<String> owns) {
	}

	/**
	 * Returns the scope of a query's cursors.
	 * @param prefixes the prefixes of the types read
	 * @param index the index, or {@literal null} for the table
	 * @param partitionAttribute the partition key attribute
	 * @param sortAttribute the sort key attribute, or {@literal null}
	 * @param partition the partition value
	 * @param owns the type check for a single-type query, else {@literal null}
	 * @return the scope
	 */
	public static Scope scope(Collection<String> prefixes, @Nullable String index, String partitionAttribute,
			@Nullable String sortAttribute, String partition, @Nullable Predicate<String> owns) {
		return scope(String.join(",", new TreeSet<>(prefixes)), index, partitionAttribute, sortAttribute, partition,
				owns);
	}

	/**
	 * Returns the scope of the cursors of a query that reads no entity types (the audit log's).
	 * @param subject what the query reads besides its index and partition (its time range and direction): a cursor
	 * of another subject is refused
	 * @param index the index
	 * @param partitionAttribute the partition key attribute
	 * @param sortAttribute the sort key attribute
	 * @param partition the partition value
	 * @return the scope
	 */
	public static Scope scope(String subject, String index, String partitionAttribute, String sortAttribute,
			String partition) {
		return scope(subject, index, partitionAttribute, sortAttribute, partition, null);
	}

	private static Scope scope(String subject, @Nullable String index, String partitionAttribute,
			@Nullable String sortAttribute, String partition, @Nullable Predicate<String> owns) {
		Set<String> attributes = new LinkedHashSet<>(List.of(ItemAttributes.PK, ItemAttributes.SK, partitionAttribute));
		if (sortAttribute != null) {
			attributes.add(sortAttribute);
		}
		String binding = subject + "|" + index + "|" + partition;
		return new Scope(binding, Set.copyOf(attributes), partitionAttribute, partition, owns);
	}

	/**
	 * Returns the key of an item as a cursor holds it: the scope's key attributes the item has.
	 * @param scope the scope
	 * @param item the item
	 * @return the key
	 */
	public static Map<String, AttributeValue> keyOf(Scope scope, Map<String, AttributeValue> item) {
		Map<String, AttributeValue> key = new HashMap<>();
		for (String attribute : scope.keyAttributes()) {
			AttributeValue value = item.get(attribute);
			if (value != null) {
				key.put(attribute, value);
			}
		}
		return key;
	}

	/**
	 * Encodes a key of a query.
	 * @param scope the query's scope
	 * @param key the key, from {@link #keyOf} or a {@code LastEvaluatedKey}
	 * @return the cursor
	 */
	public String encode(Scope scope, Map<String, AttributeValue> key) {
		return encode(scope.binding(), key);
	}

	/**
	 * Decodes a cursor of a query, checking its authentication and that its key fits the query's index, partition and
	 * type.
	 * @param scope the query's scope
	 * @param cursor the cursor
	 * @return the key to start from
	 * @throws InvalidCursorException when the cursor does not belong to the query
	 */
	public Map<String, AttributeValue> decode(Scope scope, String cursor) {
		return checkKey(scope, decode(cursor, scope.binding()));
	}

	private static Map<String, AttributeValue> checkKey(Scope scope, Map<String, AttributeValue> key) {
		if (!scope.keyAttributes().containsAll(key.keySet()) || !key.containsKey(ItemAttributes.PK)
				|| !key.containsKey(ItemAttributes.SK) || !key.containsKey(scope.partitionAttribute())) {
			throw Failures.invalid("its key does not match the keys of this query's index");
		}
		if (!scope.partition().equals(key.get(scope.partitionAttribute()).s())) {
			throw Failures.invalid("it belongs to another partition");
		}
		if (scope.owns() != null && !scope.owns().test(key.get(ItemAttributes.PK).s())) {
			throw Failures.invalid("it belongs to another type");
		}
		return key;
	}

	/**
	 * Where reading one partition of a merged query continues in one direction of its sort key: after a key
	 * (exclusive, as an {@code ExclusiveStartKey}), from the partition's edge, or nowhere, the partition holding no
	 * more results that way.
	 *
	 * @param key the key reading continues after, or {@literal null}
	 * @param done whether nothing is left that way
	 */
	public record Bound(@Nullable Map<String, AttributeValue> key, boolean done) {

		/** From the partition's edge. */
		public static final Bound OPEN = new Bound(null, false);

		/** Nothing left. */
		public static final Bound DONE = new Bound(null, true);

		/**
		 * Returns the bound after a key.
		 * @param key the key
		 * @return the bound
		 */
		public static Bound at(Map<String, AttributeValue> key) {
			return new Bound(key, false);
		}

	}

	/**
	 * The position of a merged query's cursor in one of its partitions: where reading continues in ascending sort
	 * key order (the results above the cursor) and where it continues in descending order (those below it).
	 * Being independent of the query's direction, a cursor serves pages after and before it, ascending or
	 * descending, as the key of a single partition's cursor does.
	 *
	 * @param ascending where reading up continues
	 * @param descending where reading down continues
	 */
	public record Position(Bound ascending, Bound descending) {
	}

	/**
	 * Encodes the position of a query over several partitions, bound to all of them: the same sealed format,
	 * whose content holds an ascending and a descending {@link Bound} per partition.
	 * @param scopes the scope of each partition's query
	 * @param positions the position in each partition, in the order of the scopes
	 * @return the cursor
	 */
	public String encode(List<Scope> scopes, List<Position> positions) {
		List<Position> ordered = new ArrayList<>(positions.size());
		for (int i : partitionOrder(scopes)) {
			ordered.add(positions.get(i));
		}
		return seal(mergedBinding(scopes), Json.writeMerged(ordered));
	}

	/**
	 * Decodes a cursor of a query over several partitions, checking its authentication and every key in it as
	 * {@link #decode(Scope, String)} does.
	 * @param scopes the scope of each partition's query
	 * @param cursor the cursor
	 * @return the position in each partition, in the order of the scopes
	 * @throws InvalidCursorException when the cursor does not belong to the query
	 */
	public List<Position> decode(List<Scope> scopes, String cursor) {
		List<Position> read = Json.readMerged(
				CursorCipher.open(secrets(), cursor, mergedBinding(scopes), MAX_LENGTH * scopes.size()), scopes.size());
		Position[] positions = new Position[scopes.size()];
		int entry = 0;
		for (int i : partitionOrder(scopes)) {
			Position position = read.get(entry++);
			Scope scope = scopes.get(i);
			positions[i] = new Position(checkBound(scope, position.ascending()),
					checkBound(scope, position.descending()));
		}
		return List.of(positions);
	}

	private static Bound checkBound(Scope scope, Bound bound) {
		return (bound.key() != null) ? Bound.at(checkKey(scope, bound.key())) : bound;
	}

	/**
	 * The order a merged cursor lists its partitions in, and binds them in: by partition value, so that the
	 * same values given in another order make the same query.
	 */
	private static List<Integer> partitionOrder(List<Scope> scopes) {
		List<Integer> order = new ArrayList<>();
		for (int i = 0; i < scopes.size(); i++) {
			order.add(i);
		}
		order.sort(Comparator.comparing((Integer i) -> scopes.get(i).partition()));
		return order;
	}

	private String mergedBinding(List<Scope> scopes) {
		List<String> bindings = new ArrayList<>(scopes.size());
		partitionOrder(scopes).forEach((i) -> bindings.add(scopes.get(i).binding()));
		return MERGED + "|" + Json.writeStrings(bindings);
	}

	public String encode(String binding, Map<String, AttributeValue> key) {
		return seal(binding, Json.writeKey(key));
	}

	public Map<String, AttributeValue> decode(String cursor, String binding) {
		return Json.readKey(CursorCipher.open(secrets(), cursor, binding, MAX_LENGTH));
	}

	private @Nullable String seal(String binding, byte[] body) {
		return (this.secrets != null) ? CursorCipher.seal(this.secrets, binding, body) : null;
	}

	/**
	 * The content of cursors as JSON, written and read with a plain mapper made with the first cursor: a template
	 * that writes none loads no Jackson databind for it, and this codec's own code names none of Jackson's types, so
	 * that making it loads none of them either.
	 */
	private static final class Json {

		static final JsonMapper MAPPER = JsonMapper.builder().build();

		/** A key: its attributes by name, in name order, each the text of a string attribute. */
		static byte[] writeKey(Map<String, AttributeValue> key) {
			return MAPPER.writeValueAsBytes(toNode(key));
		}

		/** The content of a merged cursor: a position in each partition, where it continues up and down. */
		static byte[] writeMerged(List<Position> positions) {
			ObjectNode payload = MAPPER.createObjectNode();
			ArrayNode partitions = payload.putArray(MERGED);
			for (Position position : positions) {
				ObjectNode entry = partitions.addObject();
				entry.set("up", toNode(position.ascending()));
				entry.set("down", toNode(position.descending()));
			}
			return MAPPER.writeValueAsBytes(payload);
		}

		static String writeStrings(List<String> values) {
			ArrayNode array = MAPPER.createArrayNode();
			values.forEach(array::add);
			return MAPPER.writeValueAsString(array);
		}

		private static JsonNode toNode(Bound bound) {
			return (bound.key() != null) ? toNode(bound.key())
					: MAPPER.getNodeFactory().stringNode(bound.done() ? "done" : "open");
		}

		private static ObjectNode toNode(Map<String, AttributeValue> key) {
			ObjectNode node = MAPPER.createObjectNode();
			new TreeMap<>(key).forEach((name, value) -> node.put(name, value.s()));
			return node;
		}

		/** Reads a key's content, unchecked against any query. */
		static Map<String, AttributeValue> readKey(byte[] body) {
			return toKey(read(body));
		}

		/** Reads a merged cursor's positions, their keys unchecked against the partitions' queries. */
		static List<Position> readMerged(byte[] body, int partitions) {
			JsonNode entries = read(body).get(MERGED);
			if (entries == null || !entries.isArray() || entries.size() != partitions) {
				throw new InvalidCursorException("its content is not a position in every partition");
			}
			List<Position> positions = new ArrayList<>(partitions);
			for (int i = 0; i < partitions; i++) {
				JsonNode entry = entries.get(i);
				positions.add(new Position(toBound(entry.get("up")), toBound(entry.get("down"))));
			}
			return positions;
		}

		private static Bound toBound(@Nullable JsonNode node) {
			String edge = (node != null && node.isString()) ? node.stringValue() : null;
			if ("open".equals(edge) || "done".equals(edge)) {
				return "done".equals(edge) ? Bound.DONE : Bound.OPEN;
			}
			if (node == null || !node.isObject()) {
				throw new InvalidCursorException("its position in a partition is not a key");
			}
			return Bound.at(toKey(node));
		}

		private static JsonNode read(byte[] body) {
			JsonNode payload;
			try {
				payload = MAPPER.readTree(body);
			}
			catch (JacksonException ex) {
				throw new InvalidCursorException("its content cannot be read");
			}
			if (payload == null || !payload.isObject() || payload.isEmpty()) {
				throw new InvalidCursorException("its content is not a key");
			}
			return payload;
		}

		private static Map<String, AttributeValue> toKey(JsonNode payload) {
			Map<String, AttributeValue> key = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> entry : payload.properties()) {
				if (!entry.getValue().isString() || entry.getValue().stringValue().isEmpty()) {
					throw new InvalidCursorException("its key attribute '" + entry.getKey() + "' is not a string");
				}
				key.put(entry.getKey(), AttributeValue.fromS(entry.getValue().stringValue()));
			}
			return key;
		}

	}

	/**
	 * The refusal of a cursor that does not belong to its query (here and in {@link QueryReads}), made in a class
	 * of its own: verifying a throw of the exception where it is made loads its class, which the start of a
	 * template, that makes a codec and the query reads, does not need.
	 */
	static final class Failures {

		static RuntimeException invalid(String reason) {
			return new InvalidCursorException(reason);
		}

	}

}
