package dev.singletable.autoconfigure.data;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Import;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.support.SingleTableRepositoryFactoryBean;

/**
 * Enables singletable repositories in the auto-configuration packages (the package of the
 * {@code @SpringBootApplication} class), as if it carried
 * {@link dev.singletable.repository.config.EnableSingleTableRepositories @EnableSingleTableRepositories}. Backs off
 * when the application declares that annotation itself, and when {@code singletable.repositories.enabled=false}.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass(SingleTableRepository.class)
@ConditionalOnBean(SingleTableOperations.class)
@ConditionalOnMissingBean(SingleTableRepositoryFactoryBean.class)
@ConditionalOnBooleanProperty(name = "singletable.repositories.enabled", matchIfMissing = true)
@Import(SingleTableRepositoriesRegistrar.class)
public final class SingleTableRepositoriesAutoConfiguration {

}
