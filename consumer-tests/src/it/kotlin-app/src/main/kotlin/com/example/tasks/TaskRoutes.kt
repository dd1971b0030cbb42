package com.example.tasks

import org.springframework.context.annotation.Bean
import org.springframework.context.annotation.Configuration
import org.springframework.web.reactive.function.server.awaitBody
import org.springframework.web.reactive.function.server.bodyAndAwait
import org.springframework.web.reactive.function.server.bodyValueAndAwait
import org.springframework.web.reactive.function.server.buildAndAwait
import org.springframework.web.reactive.function.server.coRouter
import java.net.URI

@Configuration
class TaskRoutes {

    @Bean
    fun taskRouter(tasks: Tasks) = coRouter {
        "/tasks".nest {
            POST("") { request ->
                val task = tasks.add(request.awaitBody<Task>())
                created(URI.create("/tasks/${task.id}")).bodyValueAndAwait(task)
            }
            GET("/{id}") { request ->
                tasks.find(request.pathVariable("id"))?.let { ok().bodyValueAndAwait(it) }
                    ?: notFound().buildAndAwait()
            }
            GET("") { request ->
                ok().bodyAndAwait(tasks.onBoard(request.queryParam("board").orElse("")))
            }
        }
    }

}
