#!/usr/bin/env bash
# Packaged size and development start-up time of consumer-tests' smoke applications, one per way of use, plus the
# events application without its events (the same code on the blocking starter, changes off) for the events
# starter's cost. Writes a Markdown table to stdout (docs/BENCHMARKS.md, section 14).
#
# Needs the reactor installed first (its snapshots in the local repository):
#   mvn -q install -DskipTests && bash benchmarks/smoke-apps.sh
# Each application is packaged (`mvn package -DskipTests`) and started RUNS times with `mvn spring-boot:test-run`, as
# a developer starts it, on the embedded DynamoDB Local (and S3Proxy where it declares it); the start-up time is
# Spring Boot's own "Started … in N seconds" line, the median of the runs. Run it on a quiet machine.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
RUNS=${RUNS:-3}
WORK=${WORK:-$ROOT/benchmarks/target/smoke-apps}
APPS=(minimal-app blocking-mvc-app reactive-webflux-app outbox-app events-app)
export DDB_LOCAL_TELEMETRY=0

rm -rf "$WORK"
mkdir -p "$WORK"
for app in "${APPS[@]}"; do
	cp -r "consumer-tests/src/it/$app" "$WORK/$app"
done
# the events application without events: the blocking starter instead of the events starter, change events off
cp -r consumer-tests/src/it/events-app "$WORK/events-app-without-events"
sed -i 's|<artifactId>singletable-spring-boot-starter-events</artifactId>|<artifactId>singletable-spring-boot-starter</artifactId>|' \
	"$WORK/events-app-without-events/pom.xml"
sed -i 's|enabled: true|enabled: false|' "$WORK/events-app-without-events/src/main/resources/application.yml"
rm -f "$WORK/events-app-without-events/postbuild.groovy"
APPS+=(events-app-without-events)

start_seconds() {
	local dir=$1 log=$2
	# a session of its own (setsid execs in place: $! is its id), ended as a whole once started
	setsid mvn -B -o -q -f "$dir/pom.xml" spring-boot:test-run -Dspring-boot.run.arguments=--server.port=0 >"$log" 2>&1 &
	local pid=$!
	for _ in $(seq 1 240); do
		grep -q 'Started .* in .* seconds' "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.5
	done
	kill -- -"$pid" 2>/dev/null || true
	sleep 1
	kill -9 -- -"$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | head -1 | awk '{print $4}'
}

echo "| application | way of use | packaged jar (MB) | start-up, median of $RUNS (s) | runs (s) |"
echo "| --- | --- | --- | --- | --- |"
for app in "${APPS[@]}"; do
	dir="$WORK/$app"
	(cd "$dir" && mvn -B -o -q package -DskipTests >"$WORK/$app-package.log" 2>&1)
	jar=$(ls "$dir"/target/*.jar | grep -v original | head -1)
	bytes=$(stat -c %s "$jar")
	times=()
	for run in $(seq 1 "$RUNS"); do
		times+=("$(start_seconds "$dir" "$WORK/$app-run$run.log")")
	done
	median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	case $app in
		minimal-app) way="the starter alone, a command-line runner (no web, no S3, no actuator)" ;;
		blocking-mvc-app) way="blocking MVC, blob fields in S3, the audit log; no Reactor" ;;
		reactive-webflux-app) way="reactive WebFlux, reactive repositories and a transaction; no servlet container" ;;
		outbox-app) way="the outbox (Spring Modulith) without the change stream" ;;
		events-app) way="the change stream without Modulith" ;;
		events-app-without-events) way="the same application without change events (the blocking starter)" ;;
	esac
	printf '| `%s` | %s | %.1f | %s | %s |\n' "$app" "$way" "$(echo "$bytes / 1000000" | bc -l)" "$median" \
		"$(printf '%s / ' "${times[@]}" | sed 's| / $||')"
done
