package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;

import dev.singletable.benchmarks.blob.Attachments;
import dev.singletable.benchmarks.blob.BlobArticle;
import dev.singletable.benchmarks.model.AuditedArticle;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.Event;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Status;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.model.VersionedArticleRepository;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * singletable itself: a {@link SingleTableTemplate} and a Spring Data repository on it, set up as an application
 * would without Spring Boot.
 */
public final class SingleTableContender implements Contender {

	private final SingleTableTemplate template;

	private final String tableName;

	private final AnnotationConfigApplicationContext context;

	private final VersionedArticleRepository repository;

	private Fixture fixture = new Fixture(Fixture.PAGE, 1, 1);

	private List<String> readIds = List.of();

	private List<String> batchIds = List.of();

	private List<String> manyIds = List.of();

	private final List<VersionedArticle> versioned = new ArrayList<>();

	private final List<AuditedArticle> audited = new ArrayList<>();

	private final List<PlainArticle> plain = new ArrayList<>();

	private final List<BlobArticle> blobArticles = new ArrayList<>();

	private final List<BlobArticle> unchangedBlobArticles = new ArrayList<>();

	private final boolean blobs;

	private long counter;

	/** Writes of the blob row: never rewound, so that its pool is always updated in turn (see {@link #updateBlob()}). */
	private long blobWrites;

	private long unchangedBlobWrites;

	private String counterId = "";

	/**
	 * Creates the contender on a table.
	 * @param client the client
	 * @param tableName the table, which must exist
	 */
	public SingleTableContender(DynamoDbClient client, String tableName) {
		this(client, tableName, null);
	}

	/**
	 * Creates the contender on a table, storing blob properties in {@link Attachments#BUCKET}.
	 * @param client the client
	 * @param tableName the table, which must exist
	 * @param s3 the S3 client of the bucket, which must exist; {@literal null} for none (no blob row)
	 */
	public SingleTableContender(DynamoDbClient client, String tableName, @Nullable S3Client s3) {
		this.template = new SingleTableTemplate(client, tableName);
		this.blobs = s3 != null;
		if (s3 != null) {
			this.template.setBlobStorage(
					new BlobStorage(s3, Attachments.BUCKET, "", this.template.getConverter().getJsonMapper()));
		}
		this.tableName = tableName;
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean("singleTableTemplate", SingleTableTemplate.class, () -> this.template);
		this.context.register(RepositoryConfiguration.class);
		this.context.refresh();
		this.repository = this.context.getBean(VersionedArticleRepository.class);
	}

	@Override
	public String name() {
		return "singletable";
	}

	/**
	 * Returns the template.
	 * @return the template
	 */
	public SingleTableTemplate template() {
		return this.template;
	}

	@Override
	public void setUp(Fixture fixture) {
		this.fixture = fixture;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < fixture.articles(); i++) {
			ids.add(this.template.create(VersionedArticle.of(fixture.document(i))).id());
		}
		fixture.articleIds(ids);
		this.readIds = ids;
		this.batchIds = ids.subList(0, Fixture.PAGE);
		this.manyIds = ids.subList(0, fixture.latencyBatch());
		for (int i = 0; i < fixture.pool(); i++) {
			VersionedArticle article = this.template.create(VersionedArticle.of(fixture.document(i).withStatus(Status.DRAFT)));
			for (int v = 0; v < VersionedArticle.MAX_VERSIONS; v++) {
				article = this.template.update(article.withTitle("Warm-up " + v));
			}
			this.versioned.add(article);
			AuditedArticle auditedArticle = this.template.create(AuditedArticle.of(fixture.document(i).withStatus(Status.DRAFT)));
			for (int v = 0; v < VersionedArticle.MAX_VERSIONS; v++) {
				auditedArticle = this.template.update(auditedArticle.withTitle("Warm-up " + v));
			}
			this.audited.add(auditedArticle);
			this.plain.add(this.template.create(PlainArticle.of(fixture.document(i).withStatus(Status.DRAFT))));
		}
		for (int i = 0; this.blobs && i < fixture.pool(); i++) {
			BlobArticle article = this.template
				.create(new BlobArticle(null, null, null, null, "Attachment " + i, Attachments.of(-i - 1)));
			for (int v = 0; v < VersionedArticle.MAX_VERSIONS; v++) {
				article = this.template.update(article.with("Warm-up " + v, Attachments.of(-i - 1 - (v + 1) * 1000L)));
			}
			this.blobArticles.add(article);
			BlobArticle unchanged = this.template
				.create(new BlobArticle(null, null, null, null, "Attachment " + i, Attachments.unchanged()));
			for (int v = 0; v < VersionedArticle.MAX_VERSIONS; v++) {
				unchanged = this.template.update(unchanged.with("Warm-up " + v, Attachments.unchanged()));
			}
			this.unchangedBlobArticles.add(unchanged);
		}
		// one of the streamed events is the transactions' counter (not an extra item: the stream reads the same count)
		this.counterId = this.template.create(Documents.event(fixture.events() - 1)).id();
		fixture.counterEventId(this.counterId);
		List<Event> events = new ArrayList<>();
		for (int i = 0; i < fixture.events() - 1; i++) {
			events.add(Documents.event(i));
			if (events.size() == 1000 || i == fixture.events() - 2) {
				this.template.putAll(events);
				events.clear();
			}
		}
	}

	@Override
	public void rewind() {
		this.counter = 0;
	}

	@Override
	public int create() {
		this.template.create(VersionedArticle.of(this.fixture.document(this.counter++).withStatus(Status.DRAFT)));
		return 1;
	}

	@Override
	public int getLatest() {
		String id = this.readIds.get((int) (this.counter++ % this.readIds.size()));
		return this.template.findById(VersionedArticle.class, id).isPresent() ? 1 : 0;
	}

	@Override
	public int updateVersioned() {
		int index = (int) (this.counter++ % this.versioned.size());
		VersionedArticle article = this.versioned.get(index);
		this.versioned.set(index, this.template.update(article.withTitle("Revision " + this.counter)));
		return 1;
	}

	@Override
	public int updateAudited() {
		if (this.frozen) {
			// the recorded read answers with the first article as stored: update that one as it is (see
			// freezeWrites), keeping the result of the write that was stored
			AuditedArticle written = this.template.update(this.audited.get(0).withTitle("Revision " + this.counter++));
			if (this.frozenAudited == null) {
				this.frozenAudited = written;
			}
			return 1;
		}
		int index = (int) (this.counter++ % this.audited.size());
		AuditedArticle article = this.audited.get(index);
		this.audited.set(index, this.template.update(article.withTitle("Revision " + this.counter)));
		return 1;
	}

	/** Whether the writes that read what they update are of the first article as it is (see freezeWrites). */
	private volatile boolean frozen;

	/** The first result of the frozen audited updates: the one stored. */
	private @Nullable AuditedArticle frozenAudited;

	/** The last result of a frozen write, by pool. */
	private final java.util.Map<List<BlobArticle>, BlobArticle> frozenResults = new java.util.IdentityHashMap<>();

	@Override
	public void freezeWrites(boolean frozen) {
		this.frozen = frozen;
		if (!frozen) {
			if (this.frozenAudited != null) {
				this.audited.set(0, this.frozenAudited);
				this.frozenAudited = null;
			}
			this.frozenResults.forEach((pool, written) -> pool.set(0, written));
			this.frozenResults.clear();
		}
	}

	/**
	 * The pool is updated in turn across rewinds, so that the next article is always one of those with the fewest
	 * versions: a recorded update then prunes what a replayed one prunes (the same requests).
	 */
	@Override
	public int updateBlob() {
		long sequence = this.blobWrites++;
		return updateBlob(this.blobArticles, sequence, Attachments.of(sequence));
	}

	@Override
	public int updateBlobUnchanged() {
		return updateBlob(this.unchangedBlobArticles, this.unchangedBlobWrites++, Attachments.unchanged());
	}

	private int updateBlob(List<BlobArticle> pool, long sequence, byte[] attachment) {
		if (!this.blobs) {
			throw new IllegalStateException("No S3 client: this contender was created without the blob rows");
		}
		if (this.frozen) {
			// the first of these writes is stored (the recording), the others answered alike: keep its result
			// for when the pool goes on (see freezeWrites)
			BlobArticle written = this.template.update(pool.get(0).with("Revision " + sequence, attachment));
			this.frozenResults.put(pool, written);
			return 1;
		}
		int index = (int) (sequence % pool.size());
		pool.set(index, this.template.update(pool.get(index).with("Revision " + sequence, attachment)));
		return 1;
	}

	@Override
	public int updatePlain() {
		int index = (int) (this.counter++ % this.plain.size());
		PlainArticle article = this.plain.get(index);
		this.plain.set(index, this.template.update(article.withTitle("Revision " + this.counter)));
		return 1;
	}

	@Override
	public int transaction() {
		int index = (int) (this.counter++ % this.versioned.size());
		String title = "Revision " + this.counter;
		VersionedArticle article = this.versioned.get(index).withTitle(title);
		PlainArticle plainArticle = this.plain.get(index % this.plain.size()).withTitle(title);
		Object[] written = new Object[2];
		this.template.transaction((tx) -> {
			written[0] = tx.update(article);
			written[1] = tx.update(plainArticle);
			tx.increment(Event.class, this.counterId, "sequence", 1);
		});
		this.versioned.set(index, (VersionedArticle) written[0]);
		this.plain.set(index % this.plain.size(), (PlainArticle) written[1]);
		return 1;
	}

	@Override
	public int listPage() {
		return this.template.query(VersionedArticle.class).limit(Fixture.PAGE).page().items().size();
	}

	@Override
	public int queryPage() {
		return this.repository.findByStatus(Status.PUBLISHED, ScrollPosition.keyset(), Limit.of(Fixture.PAGE)).size();
	}

	@Override
	public int batchGet() {
		return this.template.findAllById(VersionedArticle.class, this.batchIds).size();
	}

	@Override
	public int batchGetMany() {
		return this.template.findAllById(VersionedArticle.class, this.manyIds).size();
	}

	@Override
	public int listPages(int pages) {
		int count = 0;
		String cursor = null;
		for (int i = 0; i < pages; i++) {
			QueryPage<VersionedArticle> page = this.template.query(VersionedArticle.class).limit(Fixture.PAGE).page(cursor);
			count += page.items().size();
			cursor = page.nextCursor();
			if (cursor == null) {
				break;
			}
		}
		return count;
	}

	@Override
	public HistoryLocation history(String id) {
		return new HistoryLocation(this.tableName, "VersionedArticle#" + id);
	}

	@Override
	public int deleteHistory(String id) {
		return this.template.deleteById(VersionedArticle.class, id) ? 1 : 0;
	}

	@Override
	public long stream(Consumer<Object> sink) {
		long count = 0;
		try (Stream<Event> events = this.template.query(Event.class).stream()) {
			for (Event event : (Iterable<Event>) events::iterator) {
				sink.accept(event);
				count++;
			}
		}
		return count;
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * Enables the repositories of the model package on the template bean.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = VersionedArticleRepository.class)
	static class RepositoryConfiguration {

	}

}
