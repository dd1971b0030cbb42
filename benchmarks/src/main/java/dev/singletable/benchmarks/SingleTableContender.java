package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;

import dev.singletable.benchmarks.model.AuditedArticle;
import dev.singletable.benchmarks.model.Documents;
import dev.singletable.benchmarks.model.Event;
import dev.singletable.benchmarks.model.PlainArticle;
import dev.singletable.benchmarks.model.Status;
import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.benchmarks.model.VersionedArticleRepository;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

	private long counter;

	private String counterId = "";

	/**
	 * Creates the contender on a table.
	 * @param client the client
	 * @param tableName the table, which must exist
	 */
	public SingleTableContender(DynamoDbClient client, String tableName) {
		this.template = new SingleTableTemplate(client, tableName);
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
		int index = (int) (this.counter++ % this.audited.size());
		AuditedArticle article = this.audited.get(index);
		this.audited.set(index, this.template.update(article.withTitle("Revision " + this.counter)));
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
