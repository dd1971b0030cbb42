package dev.singletable.autoconfigure.transaction;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfigurationTests.RecordingTransactionManager;
import dev.singletable.autoconfigure.transaction.accounts.Account;
import dev.singletable.autoconfigure.transaction.accounts.AccountRepository;
import dev.singletable.autoconfigure.transaction.accounts.AccountsApplication;
import dev.singletable.autoconfigure.transaction.accounts.Member;
import dev.singletable.autoconfigure.transaction.accounts.MemberRepository;
import dev.singletable.autoconfigure.transaction.accounts.Recorder;
import dev.singletable.autoconfigure.transaction.accounts.Transactions;
import dev.singletable.autoconfigure.transaction.accounts.Written;
import dev.singletable.autoconfigure.transaction.events.EventsApplication;
import dev.singletable.autoconfigure.transaction.events.Parcel;
import dev.singletable.autoconfigure.transaction.events.ParcelRepository;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code @Transactional} support (from issue 14), through an application's annotated services,
 * repositories and the template: one request per transaction, rollback rules, every propagation, read-only,
 * timeouts, listeners and callbacks after the commit only, domain events, commit failures, mistakes, and another
 * store's manager.
 */
class TransactionalMethodsTests {

	private static final String TABLE = TestTables.uniqueName("tx-check");

	private static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem");

	private final RequestCounter requests = new RequestCounter();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withUserConfiguration(AccountsApplication.class)
		.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
				() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TABLE);

	@BeforeEach
	void resetRequests() {
		this.requests.reset();
	}

	@Test
	void threeWritesOfAMethodAreOneRequestAndCallbacksAndListenersRunAfterTheCommit() {
		run((app) -> {
			app.members.save(Member.of("m1-old", "old"));
			this.requests.reset();

			Account account = app.tx.requiredCalling(() -> {
				Account saved = app.accounts.save(new Account("a1", null, "ann", 10));
				app.members.save(Member.of("m1-new", "bob"));
				app.template.addToSet(Member.class, "m1-old", "badges", "gold");
				app.context.publishEvent(new Written("a1"));
				assertThat(writes()).isZero();
				assertThat(app.recorder.events()).isEmpty();
				return saved;
			});

			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(writes()).isEqualTo(1);
			assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(4);
			assertThat(account.version()).isEqualTo(1L);
			assertThat(app.accounts.findById("a1")).contains(account);
			assertThat(app.members.findById("m1-old").orElseThrow().badges()).containsExactlyInAnyOrder("new", "gold");
			assertThat(app.recorder.events()).containsExactly("saved a1 v1 stored v1", "committed a1 stored v1");
		});
	}

	@Test
	void aMethodThatThrowsSendsNothingAndOnlyRollbackListenersRun() {
		run((app) -> {
			assertThatIllegalStateException().isThrownBy(() -> app.tx.required(() -> {
				app.accounts.save(new Account("a2", null, "ann", 10));
				app.members.save(Member.of("m2", "bob"));
				app.template.create(new Account("a2-other", null, "x", 1));
				app.context.publishEvent(new Written("a2"));
				throw new IllegalStateException("declined");
			})).withMessage("declined");

			assertThat(writes()).isZero();
			assertThat(app.accounts.findById("a2")).isEmpty();
			assertThat(app.members.findById("m2")).isEmpty();
			assertThat(app.recorder.events()).containsExactly("rolled back a2 missing");
		});
	}

	@Test
	void checkedExceptionsCommitUnlessRollbackForNamesThemAndNoRollbackForCommits() {
		run((app) -> {
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> app.tx.requiredCalling(() -> {
				app.accounts.save(new Account("a3", null, "ann", 1));
				throw new IOException("checked");
			}));
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> app.tx.rollingBackForCheckedExceptions(() -> {
				app.accounts.save(new Account("a4", null, "ann", 1));
				throw new IOException("checked");
			}));
			assertThatExceptionOfType(IllegalArgumentException.class)
				.isThrownBy(() -> app.tx.committingDespiteIllegalArguments(() -> {
					app.accounts.save(new Account("a5", null, "ann", 1));
					throw new IllegalArgumentException("ignored");
				}));

			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(2);
			assertThat(app.accounts.findById("a3")).isPresent();
			assertThat(app.accounts.findById("a4")).isEmpty();
			assertThat(app.accounts.findById("a5")).isPresent();
		});
	}

	@Test
	void requiresNewCommitsOnItsOwnWhateverTheOuterTransactionDoes() {
		run((app) -> {
			// the outer one rolls back: the inner one stays
			assertThatIllegalStateException().isThrownBy(() -> app.tx.required(() -> {
				app.accounts.save(new Account("a6", null, "ann", 1));
				app.tx.requiresNew(() -> {
					assertThat(app.accounts.findById("a6")).isEmpty();
					app.members.save(Member.of("m6", "inner"));
				});
				assertThat(app.members.findById("m6")).isPresent();
				throw new IllegalStateException("outer fails");
			}));
			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(app.accounts.findById("a6")).isEmpty();
			assertThat(app.members.findById("m6")).isPresent();

			// the inner one rolls back: the outer one commits
			app.tx.required(() -> {
				app.accounts.save(new Account("a7", null, "ann", 1));
				assertThatIllegalStateException().isThrownBy(() -> app.tx.requiresNew(() -> {
					app.members.save(Member.of("m7", "inner"));
					throw new IllegalStateException("inner fails");
				}));
			});
			assertThat(app.accounts.findById("a7")).isPresent();
			assertThat(app.members.findById("m7")).isEmpty();
		});
	}

	@Test
	void notSupportedAndSupportsWithoutATransactionWriteAtOnceAndSupportsInsideOneJoinsIt() {
		run((app) -> {
			app.tx.required(() -> {
				app.accounts.save(new Account("a9", null, "ann", 1));
				app.tx.notSupported(() -> {
					app.members.save(Member.of("m9", "at once"));
					assertThat(app.members.findById("m9")).isPresent();
				});
				app.tx.supports(() -> app.members.save(Member.of("m10", "joins")));
				assertThat(app.members.findById("m10")).isEmpty();
				assertThat(app.accounts.findById("a9")).isEmpty();
			});
			assertThat(app.accounts.findById("a9")).isPresent();
			assertThat(app.members.findById("m10")).isPresent();

			this.requests.reset();
			app.tx.supports(() -> {
				app.members.save(Member.of("m11", "at once"));
				assertThat(writes()).isEqualTo(1);
				assertThat(app.members.findById("m11")).isPresent();
			});
		});
	}

	@Test
	void mandatoryNeedsATransactionAndJoinsOne() {
		run((app) -> {
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> app.tx.mandatory(() -> app.members.save(Member.of("m12", "never"))));
			assertThat(writes()).isZero();
			assertThat(app.members.findById("m12")).isEmpty();

			app.tx.required(() -> {
				app.accounts.save(new Account("a12", null, "ann", 1));
				app.tx.mandatory(() -> app.members.save(Member.of("m12", "joins")));
			});
			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findById("m12")).isPresent();
		});
	}

	@Test
	void nestedAndIsolationLevelsAreRefusedWithAClearMessageAndNothingIsWritten() {
		run((app) -> {
			assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
				.isThrownBy(() -> app.tx.nested(() -> app.members.save(Member.of("m13", "x"))))
				.withMessageContaining("NESTED")
				.withMessageContaining("savepoints");
			assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
				.isThrownBy(() -> app.tx.required(() -> {
					app.accounts.save(new Account("a13", null, "ann", 1));
					app.tx.nested(() -> app.members.save(Member.of("m13", "x")));
				}))
				.withMessageContaining("NESTED");
			assertThatExceptionOfType(InvalidIsolationLevelException.class)
				.isThrownBy(() -> app.tx.serializable(() -> app.members.save(Member.of("m13", "x"))))
				.withMessageContaining("SERIALIZABLE");

			assertThat(writes()).isZero();
			assertThat(app.members.findById("m13")).isEmpty();
			assertThat(app.accounts.findById("a13")).isEmpty();
		});
	}

	@Test
	void aReadOnlyTransactionReadsButRefusesEveryWrite() {
		run((app) -> {
			app.members.save(Member.of("m14", "stored"));
			this.requests.reset();

			app.tx.readOnly(() -> {
				assertThat(app.members.findById("m14")).isPresent();
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> app.members.save(Member.of("m14-new", "x")))
					.withMessageContaining("read-only");
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> app.members.deleteById("m14"))
					.withMessageContaining("read-only");
			});
			// a programmatic transaction joins the read-only one (and, failing, rolls it back as Spring defines)
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> app.tx.readOnly(() -> app.template
					.transaction((tx) -> tx.increment(Member.class, "m14", "points", 1))))
				.withMessageContaining("read-only");

			assertThat(writes()).isZero();
			assertThat(app.members.findById("m14")).isPresent();
		});
	}

	@Test
	void aTransactionPastItsTimeoutSendsNothing() {
		run((app) -> {
			assertThatExceptionOfType(TransactionTimedOutException.class).isThrownBy(() -> app.tx.withinOneSecond(() -> {
				app.members.save(Member.of("m15", "slow"));
				sleep(1200);
			}));

			assertThat(writes()).isZero();
			assertThat(app.members.findById("m15")).isEmpty();
		});
	}

	@Test
	void aStaleVersionAtCommitThrowsTheTypedExceptionFromTheMethodAndSendsNothingElse() {
		run((app) -> {
			Account read = app.accounts.save(new Account("a16", null, "ann", 1));
			app.accounts.save(read.withBalance(2));
			this.requests.reset();

			TransactionCancelledException ex = catchThrowableOfType(TransactionCancelledException.class,
					() -> app.tx.required(() -> {
						app.members.save(Member.of("m16", "x"));
						app.accounts.save(read.withBalance(99));
						app.context.publishEvent(new Written("a16"));
					}));

			assertThat(ex).isInstanceOf(DataAccessException.class);
			assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.entityType()).isEqualTo(Account.class);
				assertThat(failure.id()).isEqualTo("a16");
				assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.VERSION_CONFLICT);
			});
			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findById("m16")).isEmpty();
			assertThat(app.accounts.findById("a16").orElseThrow().balance()).isEqualTo(2);
			// the after-save callbacks of the first two saves ran before; none of this transaction's
			assertThat(app.recorder.events()).containsExactly("saved a16 v1 stored v1", "saved a16 v2 stored v2",
					"rolled back a16 stored v2");
		});
	}

	@Test
	void repositoryWritesInsideATransactionAreOneRequest() {
		run((app) -> {
			app.members.save(Member.of("m18-a", "x"));
			Member second = app.members.save(Member.of("m18-b", "x"));
			Member counted = app.members.save(Member.of("m18-n", "x"));
			Account account = app.accounts.save(new Account("a18", null, "ann", 1));
			app.accounts.save(account.withBalance(2));
			this.requests.reset();

			app.tx.required(() -> {
				app.members.deleteById("m18-a");
				app.members.delete(second);
				app.accounts.deleteById("a18");
				app.accounts.save(new Account("a18-new", null, "bob", 1));
				app.members.saveAll(List.of(Member.of("m18-c", "x"), Member.of("m18-d", "x")));
				app.template.transaction((tx) -> tx.increment(Member.class, counted.id(), "points", 5));
				assertThat(writes()).isZero();
			});

			assertThat(writes()).isEqualTo(1);
			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(app.members.findAllById(List.of("m18-a", "m18-b", "m18-c", "m18-d"))).extracting(Member::id)
				.containsExactlyInAnyOrder("m18-c", "m18-d");
			assertThat(app.accounts.findById("a18")).isEmpty();
			assertThat(app.accounts.findVersions("a18")).isEmpty();
			assertThat(app.accounts.findById("a18-new")).isPresent();
			assertThat(app.members.findById(counted.id()).orElseThrow().points()).isEqualTo(5);
		});
	}

	@Test
	void aTransactionalRepositoryMethodIsOneTransaction() {
		run((app) -> {
			app.members.saveTogether(List.of(Member.of("m29-a", "x"), Member.of("m29-b", "x")), false);

			// the saves of ids that may exist read their stored creation times; one write
			assertThat(this.requests.operations()).containsExactly("GetItem", "GetItem", "TransactWriteItems");
			assertThat(app.members.findAllById(List.of("m29-a", "m29-b"))).hasSize(2);

			this.requests.reset();
			assertThatIllegalStateException().isThrownBy(
					() -> app.members.saveTogether(List.of(Member.of("m30-a", "x"), Member.of("m30-b", "x")), true));

			assertThat(writes()).isZero();
			assertThat(app.members.findAllById(List.of("m30-a", "m30-b"))).isEmpty();
		});
	}

	@Test
	void aTransactionalRepositoryMethodUsesTheSingleTableManagerBesideAnotherStoresOne() {
		this.contextRunner.withUserConfiguration(OtherStore.class).run((context) -> {
			assertThat(context).hasNotFailed();
			App app = new App(context);
			RecordingTransactionManager other = context.getBean(RecordingTransactionManager.class);
			this.requests.reset();

			assertThatIllegalStateException().isThrownBy(
					() -> app.members.saveTogether(List.of(Member.of("m31-a", "x"), Member.of("m31-b", "x")), true));
			app.members.saveTogether(List.of(Member.of("m32-a", "x"), Member.of("m32-b", "x")), false);

			assertThat(other.events).isEmpty();
			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findAllById(List.of("m31-a", "m31-b", "m32-a", "m32-b"))).extracting(Member::id)
				.containsExactlyInAnyOrder("m32-a", "m32-b");
		});
	}

	@Test
	void withoutTheSingleTableManagerATransactionalRepositoryMethodUsesTheDefaultOne() {
		this.contextRunner.withUserConfiguration(OtherStore.class)
			.withPropertyValues("singletable.transaction.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SingleTableTransactionManager.class);
				App app = new App(context);
				RecordingTransactionManager other = context.getBean(RecordingTransactionManager.class);

				assertThatIllegalStateException().isThrownBy(
						() -> app.members.saveTogether(List.of(Member.of("m33-a", "x")), true));

				assertThat(other.events).containsExactly("begin", "rollback");
			});
	}

	@Test
	void aTransactionalRepositoryMethodUsesTheApplicationsOwnSingleTableManagerOfAnotherName() {
		this.contextRunner.withUserConfiguration(OwnManager.class).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SingleTableTransactionManager.class)
				.doesNotHaveBean(SingleTableTransactionManager.BEAN_NAME);
			App app = new App(context);
			this.requests.reset();

			assertThatIllegalStateException()
				.isThrownBy(() -> app.members.saveTogether(List.of(Member.of("m34-a", "x")), true));
			app.members.saveTogether(List.of(Member.of("m35-a", "x"), Member.of("m35-b", "x")), false);

			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findById("m34-a")).isEmpty();
		});
	}

	@Test
	void operationsThatCannotJoinAreRefusedAndTheRestOfTheTransactionStillCommits() {
		run((app) -> {
			app.members.save(Member.of("m19", "x"));
			this.requests.reset();

			app.tx.required(() -> {
				app.members.save(Member.of("m19-new", "x"));
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> app.template.increment(Member.class, "m19", "points", 1))
					.withMessageContaining("increment")
					.withMessageContaining("tx.increment");
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> app.template.putAll(List.of(Member.of("m19-put", "x"))))
					.withMessageContaining("putAll");
				assertThat(writes()).isZero();
			});

			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findById("m19-new")).isPresent();
			assertThat(app.members.findById("m19-put")).isEmpty();
			assertThat(app.members.findById("m19").orElseThrow().points()).isZero();

			this.requests.reset();
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> app.tx.required(() -> {
				app.members.save(Member.of("m19-lost", "x"));
				app.template.increment(Member.class, "m19", "points", 1);
			}));
			assertThat(writes()).isZero();
			assertThat(app.members.findById("m19-lost")).isEmpty();
		});
	}

	@Test
	void moreThan100ItemsInAMethodFailBeforeSending() {
		run((app) -> {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> app.tx.required(() -> {
				for (int i = 0; i < 50; i++) {
					app.accounts.save(new Account("many-" + i, null, "ann", i));
				}
				app.members.save(Member.of("m20", "the 101st item"));
			})).withMessageContaining("at most 100 items").withMessageContaining("save of Member 'm20'");

			assertThat(writes()).isZero();
			assertThat(app.accounts.findById("many-0")).isEmpty();
		});
	}

	@Test
	void anInnerRequiredFailureMarksTheOuterTransactionRollbackOnly() {
		run((app) -> {
			assertThatExceptionOfType(UnexpectedRollbackException.class).isThrownBy(() -> app.tx.required(() -> {
				app.accounts.save(new Account("a21", null, "ann", 1));
				assertThatIllegalStateException().isThrownBy(() -> app.tx.required(() -> {
					throw new IllegalStateException("inner");
				}));
			}));

			assertThat(writes()).isZero();
			assertThat(app.accounts.findById("a21")).isEmpty();
		});
	}

	@Test
	void besideAnotherStoresManagerOursIsSelectedByQualifierOrTransactionTemplate() {
		this.contextRunner.withUserConfiguration(OtherStore.class).run((context) -> {
			assertThat(context).hasNotFailed();
			App app = new App(context);
			RecordingTransactionManager other = context.getBean(RecordingTransactionManager.class);
			assertThat(context.getBean(PlatformTransactionManager.class)).isSameAs(other);

			// plain @Transactional: the other store's transaction, singletable writes are sent one by one
			app.tx.required(() -> {
				app.accounts.save(new Account("a22", null, "ann", 1));
				app.members.save(Member.of("m22", "x"));
			});
			assertThat(other.events).containsExactly("begin", "commit");
			assertThat(writes()).isEqualTo(2);

			this.requests.reset();
			app.tx.qualified(() -> {
				app.accounts.save(new Account("a23", null, "ann", 1));
				app.members.save(Member.of("m23", "x"));
				app.template.create(new Account("a23-b", null, "ann", 1));
				assertThat(writes()).isZero();
			});
			assertThat(writes()).isEqualTo(1);
			assertThat(other.events).hasSize(2);

			this.requests.reset();
			TransactionTemplate ours = new TransactionTemplate(
					context.getBean(SingleTableTransactionManager.BEAN_NAME, PlatformTransactionManager.class));
			assertThatIllegalStateException().isThrownBy(() -> ours.executeWithoutResult((status) -> {
				app.members.save(Member.of("m24", "x"));
				throw new IllegalStateException("rolled back");
			}));
			assertThat(writes()).isZero();
			assertThat(app.members.findById("m24")).isEmpty();
		});
	}

	@Test
	void singleTableTransactionalCarriesItsAttributesBesideAnotherStoresManager() {
		this.contextRunner.withUserConfiguration(OtherStore.class).run((context) -> {
			assertThat(context).hasNotFailed();
			App app = new App(context);
			RecordingTransactionManager other = context.getBean(RecordingTransactionManager.class);
			this.requests.reset();

			// propagation: the inner new transaction commits, the outer one rolls back
			assertThatIllegalStateException().isThrownBy(() -> app.tx.ours(() -> {
				app.accounts.save(new Account("a25", null, "ann", 1));
				app.tx.oursRequiresNew(() -> app.members.save(Member.of("m25", "inner")));
				throw new IllegalStateException("outer fails");
			}));
			assertThat(writes()).isEqualTo(1);
			assertThat(app.members.findById("m25")).isPresent();
			assertThat(app.accounts.findById("a25")).isEmpty();

			// readOnly
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> app.tx.oursReadOnly(() -> app.members.save(Member.of("m26", "x"))))
				.withMessageContaining("read-only");

			// rollbackFor
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> app.tx.oursRollingBackForCheckedExceptions(() -> {
					app.members.save(Member.of("m27", "x"));
					throw new IOException("checked");
				}));

			// timeout
			assertThatExceptionOfType(TransactionTimedOutException.class)
				.isThrownBy(() -> app.tx.oursWithinOneSecond(() -> {
					app.members.save(Member.of("m28", "x"));
					sleep(1200);
				}));

			assertThat(app.members.findAllById(List.of("m26", "m27", "m28"))).isEmpty();
			assertThat(other.events).isEmpty();
		});
	}

	/**
	 * Spring Data domain events of repository writes: the repository proxy publishes them as its method returns,
	 * inside the transaction (as with every Spring Data store), so plain listeners run at once and see the store
	 * without the pending write, {@code @TransactionalEventListener}s after DynamoDB accepted the transaction, or
	 * after its rollback.
	 */
	@Test
	void domainEventsOfATransactionReachTransactionalListenersOnlyAfterTheCommitOrTheRollback() {
		this.contextRunner.withUserConfiguration(EventsApplication.class).run((context) -> {
			TransactionInfrastructureTests.assertRedefined(context);
			EventsApplication.Shipping shipping = context.getBean(EventsApplication.Shipping.class);
			EventsApplication.Listener listener = context.getBean(EventsApplication.Listener.class);
			ParcelRepository parcels = context.getBean(ParcelRepository.class);
			this.requests.reset();

			List<Parcel> shipped = shipping.ship(List.of(new Parcel("p1", null, "packed"), new Parcel("p2", null, "packed")),
					false);

			assertThat(writes()).isEqualTo(1);
			assertThat(shipped).extracting(Parcel::version).containsExactly(1L, 1L);
			// published once saveAll returned, before the commit; the transactional listeners after it
			assertThat(listener.drain()).containsExactly("at once p1 packed missing", "at once p2 packed missing",
					"committed p1 packed stored packed", "committed p2 packed stored packed");

			this.requests.reset();
			assertThatIllegalStateException()
				.isThrownBy(() -> shipping.ship(List.of(shipped.get(0).withState("lost")), true));
			assertThat(writes()).isZero();
			assertThat(listener.drain()).containsExactly("at once p1 lost stored packed",
					"rolled back p1 lost stored packed");

			// a transaction DynamoDB cancels at the commit is a rollback for the listeners too
			parcels.save(shipped.get(1).withState("moved"));
			listener.drain();
			this.requests.reset();
			assertThatExceptionOfType(TransactionCancelledException.class)
				.isThrownBy(() -> shipping.ship(List.of(shipped.get(0).withState("sent"), shipped.get(1).withState("sent")),
						false));
			assertThat(listener.drain()).containsExactly("at once p1 sent stored packed", "at once p2 sent stored moved",
					"rolled back p1 sent stored packed", "rolled back p2 sent stored moved");
			assertThat(parcels.findById("p1").orElseThrow().state()).isEqualTo("packed");

			// deletes publish too, and their transactional listeners see the parcel gone
			shipping.discard(List.of(parcels.findById("p1").orElseThrow()));
			assertThat(listener.drain()).containsExactly("at once p1 packed stored packed", "committed p1 packed missing");
		});
	}

	@Test
	void aTransactionalDerivedDeleteIsOneRequest() {
		this.contextRunner.withUserConfiguration(EventsApplication.class).run((context) -> {
			assertThat(context).hasNotFailed();
			ParcelRepository parcels = context.getBean(ParcelRepository.class);
			parcels.saveAll(List.of(new Parcel("d1", null, "lost"), new Parcel("d2", null, "lost"),
					new Parcel("d3", null, "found")));
			parcels.save(parcels.findById("d1").orElseThrow().withState("lost"));
			this.requests.reset();

			List<Parcel> deleted = parcels.deleteByState("lost");

			assertThat(deleted).extracting(Parcel::id).containsExactlyInAnyOrder("d1", "d2");
			assertThat(writes()).isEqualTo(1);
			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(parcels.findAllById(List.of("d1", "d2", "d3"))).extracting(Parcel::id).containsExactly("d3");
			assertThat(parcels.findVersions("d1")).isEmpty();
		});
	}

	private void run(Check check) {
		this.contextRunner.run((context) -> {
			// Spring's classes, as the starter defines them when its manager is the only one
			TransactionInfrastructureTests.assertRedefined(context);
			this.requests.reset();
			check.accept(new App(context));
		});
	}

	/** A check against the application. */
	@FunctionalInterface
	private interface Check {

		void accept(App app) throws Throwable;

	}

	/** Write requests (attempts) sent since the last reset. */
	private int writes() {
		return (int) this.requests.operations().stream().filter(WRITES::contains).count();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The application's beans a check uses. */
	private static final class App {

		final AssertableApplicationContext context;

		final Transactions tx;

		final AccountRepository accounts;

		final MemberRepository members;

		final SingleTableTemplate template;

		final Recorder recorder;

		App(AssertableApplicationContext context) {
			this.context = context;
			this.tx = context.getBean(Transactions.class);
			this.accounts = context.getBean(AccountRepository.class);
			this.members = context.getBean(MemberRepository.class);
			this.template = context.getBean(SingleTableTemplate.class);
			this.recorder = context.getBean(Recorder.class);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnManager {

		@Bean
		SingleTableTransactionManager ownTransactionManager(SingleTableTemplate template) {
			return new SingleTableTransactionManager(template.getDatabaseFactory());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherStore {

		@Bean
		RecordingTransactionManager otherTransactionManager() {
			return new RecordingTransactionManager();
		}

	}

}
