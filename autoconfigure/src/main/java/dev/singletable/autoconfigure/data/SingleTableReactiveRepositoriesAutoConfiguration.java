package dev.singletable.autoconfigure.data;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.ConditionalOnRepositoryType;
import org.springframework.boot.autoconfigure.data.RepositoryType;
import org.springframework.context.annotation.Import;

import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;
import reactor.core.publisher.Flux;

/**
 * Enables reactive singletable repositories in the auto-configuration packages, as if the application carried
 * {@link dev.singletable.repository.config.EnableReactiveSingleTableRepositories @EnableReactiveSingleTableRepositories},
 * when Reactor and the reactive template ({@link SingleTableReactiveAutoConfiguration}) are there. Only reactive
 * repository interfaces are taken (their methods return reactive types); the blocking ones in the same packages are
 * {@link SingleTableRepositoriesAutoConfiguration}'s. Backs off when the application declares that annotation
 * itself, when {@code singletable.repositories.enabled=false}, and when
 * {@code spring.data.singletable.repositories.type} is {@code imperative} or {@code none}.
 */
@AutoConfiguration(after = SingleTableReactiveAutoConfiguration.class)
@ConditionalOnClass({ Flux.class, ReactiveSingleTableRepository.class })
@ConditionalOnBean(ReactiveSingleTableOperations.class)
@ConditionalOnMissingBean(ReactiveSingleTableRepositoryFactoryBean.class)
@ConditionalOnBooleanProperty(name = "singletable.repositories.enabled", matchIfMissing = true)
@ConditionalOnRepositoryType(store = "singletable", type = RepositoryType.REACTIVE)
@Import(SingleTableReactiveRepositoriesRegistrar.class)
public final class SingleTableReactiveRepositoriesAutoConfiguration {

}
