package dev.singletable.autoconfigure.definitions.chosen;

import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;

import dev.singletable.repository.config.EnableSingleTableRepositories;

@Configuration(proxyBeanMethods = false)
@EnableSingleTableRepositories(excludeFilters = @Filter(type = FilterType.ASSIGNABLE_TYPE, classes = LeftOutRepository.class))
class RepositoryChoice {

}
