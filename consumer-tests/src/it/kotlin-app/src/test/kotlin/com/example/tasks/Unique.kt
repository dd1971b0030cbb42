package com.example.tasks

import java.util.UUID

/** A name no other test uses: every test context of the JVM shares one database per configuration. */
fun unique(name: String): String = "$name-${UUID.randomUUID()}"
