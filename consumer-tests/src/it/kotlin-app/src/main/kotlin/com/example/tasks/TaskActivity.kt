package com.example.tasks

import dev.singletable.events.ReactiveSingleTableChangeStream
import dev.singletable.events.ResourceChange
import dev.singletable.events.ResourceChangeListener
import dev.singletable.events.changes
import jakarta.annotation.PreDestroy
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import kotlinx.coroutines.flow.filter
import kotlinx.coroutines.launch
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty
import org.springframework.boot.context.event.ApplicationReadyEvent
import org.springframework.context.event.EventListener
import org.springframework.stereotype.Component
import java.util.concurrent.CopyOnWriteArrayList

@Component
@ConditionalOnBooleanProperty("singletable.changes.enabled")
class TaskActivity(private val changeStream: ReactiveSingleTableChangeStream) {

    private val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)

    val created = CopyOnWriteArrayList<String>()

    val completed = CopyOnWriteArrayList<String>()

    @ResourceChangeListener                             // retried, then dead-lettered, when it throws
    suspend fun onTask(change: ResourceChange<Task>) {
        if (change.newState()?.status == Status.DONE && change.oldState()?.status != Status.DONE) {
            completed += change.id()
        }
    }

    @EventListener(ApplicationReadyEvent::class)
    fun follow() {
        scope.launch {
            changeStream.changes<Task>()                // a Flow: the next change once this one is taken
                .filter { it.type() == ResourceChange.Type.CREATED }
                .collect { created += it.id() }
        }
    }

    @PreDestroy
    fun stop() = scope.cancel()

}
