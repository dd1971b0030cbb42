#!/usr/bin/env bash
# Cold start of singletable against its peer, Spring Data MongoDB, each over its own baseline, in one run
# (docs/BENCHMARKS.md, section 6): four applications built outside the reactor from benchmarks/startup-peers/
#   ddb-client    Spring Boot + a DynamoDbClient bean (the URL connection client the starter brings)
#   singletable   the same + singletable's starter, 3 entities, one repository with 4 derived queries
#   mongo-client  Spring Boot + a MongoClient bean
#   data-mongo    the same + spring-boot-starter-data-mongodb, the same 3 entities and repository
# each started in four ways: Java 17; Java 17 in Spring AOT mode (process-aot at build, -Dspring.aot.enabled=true);
# JDK 25 with an AOT cache made by a training start of the same application and mode (-XX:AOTCacheOutput, then
# -XX:AOTCache); and both. The DynamoDB clients talk to a real DynamoDB Local in a process of its own (the table
# exists, made by a first start with table.create=create-if-missing; the application starts with table.create=none
# and its drift check on, as in production); a MongoClient connects in the background, so no MongoDB is needed to be
# ready. A round starts each application once in each way, in a rotating order; the figures are per-round paired
# medians of JVM uptime, process CPU (split into the main thread, the JIT and the GC) and classes loaded when the
# application is ready (ReadyProbe: the first listener
# of the ApplicationReadyEvent, before what starts there, such as singletable's drift check).
#
# Needs the reactor installed first (its snapshots in the local repository) and Maven Central for the first build:
#   mvn -q install -DskipTests && ROUNDS=8 bash benchmarks/startup-peers.sh > peers.md
# Pass MAVEN_ARGS (e.g. "-o -Dmaven.repo.local=...") to the builds. Run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
ROUNDS=${ROUNDS:-8}
JAVA17=${JAVA17:-java}
JAVA25=${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PEERS=$ROOT/benchmarks/startup-peers
WORK=${WORK:-$ROOT/benchmarks/target/startup-peers}
APPS=(ddb-client singletable mongo-client data-mongo)
MODES=(java17 spring-aot jdk25-cache both)
read -r -a MVN <<<"${MAVEN_ARGS:-}"

rm -rf "$WORK"
mkdir -p "$WORK/probe"
for app in "${APPS[@]}" dynamodb-local; do
	rm -rf "$PEERS/$app/target"
	goals=(package)
	[[ $app == dynamodb-local ]] && goals=()
	mvn -B -q "${MVN[@]}" -f "$PEERS/$app/pom.xml" "${goals[@]}" dependency:build-classpath -DskipTests \
		-Dspring-boot.repackage.skip=true -Dmdep.outputFile="$WORK/$app.cp" >"$WORK/$app-build.log" 2>&1 \
		|| { cat "$WORK/$app-build.log" >&2; exit 1; }
	# jars only: an AOT cache refuses class directories
	[[ $app == dynamodb-local ]] || echo "$WORK/probe.jar:$(ls "$PEERS/$app"/target/*.jar):$(cat "$WORK/$app.cp")" >"$WORK/$app.cp"
done
# the probe reads the figures in a ready listener: compiled against the applications' Spring Boot
javac --release 17 -d "$WORK/probe" -cp "$(cat "$WORK/ddb-client.cp")" "$PEERS/probe/ReadyProbe.java"
(cd "$WORK/probe" && jar cf ../probe.jar ReadyProbe.class)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$JAVA17" -cp "$(cat "$WORK/dynamodb-local.cp")" com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory \
	-port "$port" >"$WORK/dynamodb-local.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
	(echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
	sleep 0.5
done
ENDPOINTS=(-Dpeers.endpoint="http://127.0.0.1:$port" -Dpeers.mongodb-uri=mongodb://127.0.0.1:27017)

# one start: app, mode, extra JVM options; prints "uptime cpu classes"
start() {
	local app=$1 mode=$2
	shift 2
	local java=$JAVA17 options=()
	case $mode in
		spring-aot) options=(-Dspring.aot.enabled=true) ;;
		jdk25-cache) java=$JAVA25 ;;
		both) java=$JAVA25 options=(-Dspring.aot.enabled=true) ;;
	esac
	local out
	out=$("$java" -Xmx512m "${options[@]}" "$@" "${ENDPOINTS[@]}" -cp "$(cat "$WORK/$app.cp")" ReadyProbe \
		com.example.peers.PeerApplication 2>&1) || { echo "$app ($mode) failed: $out" >&2; return 1; }
	grep '^peer-probe ' <<<"$out" | tail -1 | cut -d' ' -f2-
}

start singletable java17 -Dsingletable.table.create=create-if-missing >/dev/null
for app in "${APPS[@]}"; do
	for mode in jdk25-cache both; do
		start "$app" "$mode" -XX:AOTCacheOutput="$WORK/$app-$mode.aot" >/dev/null
	done
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
began=$(date -u +%H:%M)
: >"$WORK/starts.txt"
for round in $(seq 1 "$ROUNDS"); do
	for i in "${!MODES[@]}"; do
		mode=${MODES[(i + round) % ${#MODES[@]}]}
		for j in "${!APPS[@]}"; do
			app=${APPS[(j + round) % ${#APPS[@]}]}
			cache=()
			[[ $mode == jdk25-cache || $mode == both ]] && cache=(-XX:AOTCache="$WORK/$app-$mode.aot")
			echo "$round $mode $app $(start "$app" "$mode" "${cache[@]}")" >>"$WORK/starts.txt"
		done
	done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

python3 - "$WORK/starts.txt" "$ROUNDS" "$began" "$(date -u +%H:%M)" "$load_before" "$load_after" <<'EOF'
import statistics, sys
path, rounds, began, ended, before, after = sys.argv[1:]
starts = {}
for line in open(path):
    r, mode, app, up, cpu, classes, main, jit, gc = line.split()
    starts[(int(r), mode, app)] = (float(up), float(cpu), int(classes), float(main), float(jit), float(gc))
modes = ["java17", "spring-aot", "jdk25-cache", "both"]
labels = {"java17": "Java 17", "spring-aot": "Java 17, Spring AOT", "jdk25-cache": "JDK 25 + AOT cache",
          "both": "JDK 25 + AOT cache, Spring AOT"}
apps = ["ddb-client", "singletable", "mongo-client", "data-mongo"]
rs = sorted({k[0] for k in starts})
def med(values):
    return statistics.median(values)
def spread(values):
    return f"{med(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"
print(f"{rounds} rounds, {began}–{ended} UTC, load average (1, 5, 15 min) {before} before and {after} after.")
print()
print("| Way | Application | CPU at ready (ms) | uptime at ready (ms) | classes loaded |")
print("|---|---|---:|---:|---:|")
for mode in modes:
    for app in apps:
        s = [starts[(r, mode, app)] for r in rs]
        print(f"| {labels[mode]} | `{app}` | {spread([x[1] for x in s])} | {spread([x[0] for x in s])} "
              f"| {med([x[2] for x in s]):,.0f} |")
print()
print("Added over the baseline, per-round paired medians (the application's figure minus its baseline's in the same "
      "round); the last column: in how many rounds singletable added less CPU than Spring Data MongoDB.")
print()
print("| Way | singletable over `ddb-client`: CPU | uptime | classes | Spring Data MongoDB over `mongo-client`: CPU "
      "| uptime | classes | singletable − MongoDB, CPU | rounds singletable ≤ MongoDB |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for mode in modes:
    def added(app, base, k):
        return [starts[(r, mode, app)][k] - starts[(r, mode, base)][k] for r in rs]
    def ratio(app, base):
        return med([starts[(r, mode, app)][1] / starts[(r, mode, base)][1] for r in rs])
    st_cpu, mg_cpu = added("singletable", "ddb-client", 1), added("data-mongo", "mongo-client", 1)
    diff = [a - b for a, b in zip(st_cpu, mg_cpu)]
    print(f"| {labels[mode]} | {med(st_cpu):+,.0f} ({ratio('singletable', 'ddb-client'):.2f}×) "
          f"| {med(added('singletable', 'ddb-client', 0)):+,.0f} | {med(added('singletable', 'ddb-client', 2)):+,.0f} "
          f"| {med(mg_cpu):+,.0f} ({ratio('data-mongo', 'mongo-client'):.2f}×) "
          f"| {med(added('data-mongo', 'mongo-client', 0)):+,.0f} | {med(added('data-mongo', 'mongo-client', 2)):+,.0f} "
          f"| {med(diff):+,.0f} | {sum(1 for d in diff if d <= 0)} of {len(diff)} |")
print()
print("Where the CPU added goes, per-round paired medians: the main thread (the application's start), the JIT's "
      "compiler threads, the GC's threads, and the rest of the process (other JVM and application threads).")
print()
print("| Way | singletable over `ddb-client`: main thread | JIT | GC | rest "
      "| Spring Data MongoDB over `mongo-client`: main thread | JIT | GC | rest |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for mode in modes:
    def parts(app, base):
        def part(k):
            return med([starts[(r, mode, app)][k] - starts[(r, mode, base)][k] for r in rs])
        rest = med([(starts[(r, mode, app)][1] - sum(starts[(r, mode, app)][3:6]))
                    - (starts[(r, mode, base)][1] - sum(starts[(r, mode, base)][3:6])) for r in rs])
        return f"{part(3):+,.0f} | {part(4):+,.0f} | {part(5):+,.0f} | {rest:+,.0f}"
    print(f"| {labels[mode]} | {parts('singletable', 'ddb-client')} | {parts('data-mongo', 'mongo-client')} |")
EOF
