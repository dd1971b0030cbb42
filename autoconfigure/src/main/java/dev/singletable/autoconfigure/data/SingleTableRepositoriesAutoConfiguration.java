package dev.singletable.autoconfigure.data;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.data.ConditionalOnRepositoryType;
import org.springframework.boot.autoconfigure.data.RepositoryType;
import org.springframework.context.annotation.Import;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.support.SingleTableRepositoryFactoryBean;

/**
 * Enables singletable repositories in the auto-configuration packages (the package of the
 * {@code @SpringBootApplication} class), as if it carried
 * {@link dev.singletable.repository.config.EnableSingleTableRepositories @EnableSingleTableRepositories}. Backs off
 * when the application declares that annotation itself, when {@code singletable.repositories.enabled=false}, and when
 * {@code spring.data.singletable.repositories.type} is {@code reactive} or {@code none}. Reactive repository
 * interfaces in the same packages are {@link SingleTableReactiveRepositoriesAutoConfiguration}'s.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass(SingleTableRepository.class)
@ConditionalOnBean(SingleTableOperations.class)
@ConditionalOnMissingBean(SingleTableRepositoryFactoryBean.class)
@ConditionalOnBooleanProperty(name = "singletable.repositories.enabled", matchIfMissing = true)
@ConditionalOnRepositoryType(store = "singletable", type = RepositoryType.IMPERATIVE)
@Import(SingleTableRepositoriesRegistrar.class)
public final class SingleTableRepositoriesAutoConfiguration {

}
