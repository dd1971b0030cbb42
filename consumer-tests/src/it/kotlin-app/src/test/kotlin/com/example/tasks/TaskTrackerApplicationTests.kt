package com.example.tasks

import org.assertj.core.api.Assertions.assertThat
import org.junit.jupiter.api.Test
import org.springframework.beans.factory.annotation.Autowired
import org.springframework.boot.test.context.SpringBootTest
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient
import org.springframework.http.MediaType
import org.springframework.test.web.reactive.server.WebTestClient
import org.springframework.test.web.reactive.server.expectBody
import org.springframework.test.web.reactive.server.expectBodyList

/** The whole application over real HTTP (Netty): the coRouter, the service and the coroutine repository. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class TaskTrackerApplicationTests {

    @Autowired
    lateinit var http: WebTestClient

    @Test
    fun `creates, reads and lists tasks, the properties left out of the request taking their defaults`() {
        val board = unique("board")
        val created = http.post().uri("/tasks")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("""{"board": "$board", "title": "Plan"}""")
            .exchange()
            .expectStatus().isCreated
            .expectBody<Task>()
            .returnResult().responseBody!!

        assertThat(created.id).isNotBlank()
        assertThat(created.version).isEqualTo(1L)
        assertThat(created.status).isEqualTo(Status.OPEN)
        assertThat(created.labels).isEmpty()
        assertThat(created.assignee).isNull()
        http.get().uri("/tasks/{id}", created.id).exchange()
            .expectStatus().isOk
            .expectBody<Task>().isEqualTo(created)
        http.get().uri("/tasks?board={board}", board).exchange()
            .expectStatus().isOk
            .expectBodyList<Task>().hasSize(1).contains(created)
    }

    @Test
    fun `an unknown id is a 404`() {
        http.get().uri("/tasks/{id}", unique("nothing")).exchange().expectStatus().isNotFound
    }

}
