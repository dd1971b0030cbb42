#!/usr/bin/env bash
# Before and after, in one run: the benchmark rows of an earlier commit (the base) against this working tree's
# (the current code), measured alternately on the same machine, printed as a Markdown table (docs/BENCHMARKS.md,
# "Before and after issue 67's refactoring, in one run").
#
#   bash benchmarks/compare-commits.sh <base-commit> [turns]        (turns: 3 by default)
#
# 1. Builds both: the current tree into REPO (~/.m2/repository by default), the base (exported with `git archive`
#    into BASE_DIR, benchmarks/target/compare-base by default) into BASE_REPO, a Maven repository of its own
#    (REPO-compare-base by default, copied from REPO without dev/singletable when absent): both versions are
#    0.1.0-SNAPSHOT, so each must be installed apart. SKIP_BUILD=1 reuses what is built; MVN_FLAGS (e.g. -o) is
#    passed to every Maven call. SUMMARY_ONLY=1 builds and runs nothing: it prints the table of the outputs
#    already in OUT.
# 2. Runs each mode of MODES (default "cpu throughput reactive") once per side and turn, the sides alternating
#    (base then current in odd turns, current then base in even ones, so a drift in the machine's load hits both),
#    each run a fresh JVM through the side's own `mvn -pl benchmarks exec:exec` with -Dbenchmarks.args:
#    CPU_ARGS (section 4, client CPU on replayed responses), THROUGHPUT_ARGS (section 1, DynamoDB Local in process),
#    REACTIVE_ARGS (section 10, 5 ms round trip; written to a file under OUT, never to docs/BENCHMARKS.md).
# 3. Prints a table per section, a row per benchmark row, a column per ratio: singletable's figure over the floor's
#    (hand-written raw SDK calls) or the peer's measured in the same run of the same JVM, so the machine's load cancels
#    out of it. Each cell: the median over the turns of the base and of the current code, their difference, and the
#    noise: the larger of the two sides' spreads (max - min over the turns of the same code). A difference larger than
#    the noise is flagged. Then every ratio of every turn. Beside the ratios, two figures the machine's load does not
#    move: singletable's allocation and requests per operation.
# Raw outputs stay in OUT (benchmarks/target/compare-commits by default). Not called by CI: a turn of the three modes
# takes about 15 minutes on a shared 2-core machine. The build installs the current tree's 0.1.0-SNAPSHOT into REPO
# (use a repository of your own when others share it), and the first build of the base copies REPO (~1 GB).
set -euo pipefail

if [ $# -lt 1 ]; then
	sed -n '2,/^set -euo/{/^#/p}' "$0" >&2
	exit 2
fi
BASE_COMMIT=$1
TURNS=${2:-3}
cd "$(dirname "$0")/.."
ROOT=$(pwd)
REPO=${REPO:-$HOME/.m2/repository}
BASE_REPO=${BASE_REPO:-$REPO-compare-base}
BASE_DIR=${BASE_DIR:-$ROOT/benchmarks/target/compare-base}
OUT=${OUT:-$ROOT/benchmarks/target/compare-commits}
MODES=${MODES:-cpu throughput reactive}
CPU_ARGS=${CPU_ARGS:-cpu 7 200 1500 CREATE GET_LATEST UPDATE_VERSIONED UPDATE_AUDITED UPDATE_BLOB UPDATE_BLOB_UNCHANGED UPDATE_PLAIN LIST_PAGE QUERY_PAGE BATCH_GET STREAM TRANSACTION}
THROUGHPUT_ARGS=${THROUGHPUT_ARGS:-throughput 9 300 1000 CREATE GET_LATEST UPDATE_VERSIONED UPDATE_AUDITED UPDATE_BLOB UPDATE_BLOB_UNCHANGED UPDATE_PLAIN LIST_PAGE QUERY_PAGE BATCH_GET STREAM TRANSACTION}
REACTIVE_ARGS=${REACTIVE_ARGS:-reactive quick}
MVN_FLAGS=${MVN_FLAGS:-}
BASE_SHORT=$(git rev-parse --short=8 "$BASE_COMMIT")
CURRENT_SHORT=$(git rev-parse --short=8 HEAD)
mkdir -p "$OUT"

build() { # <dir> <repo>
	(cd "$1" && mvn -q $MVN_FLAGS -Dmaven.repo.local="$2" -pl benchmarks -am install -DskipTests -Dinvoker.skip \
		-Dmaven.javadoc.skip -Dmaven.source.skip)
}

if [ "${SKIP_BUILD:-0}" != 1 ] && [ "${SUMMARY_ONLY:-0}" != 1 ]; then
	echo "Building the current tree ($CURRENT_SHORT, uncommitted changes included) into $REPO" >&2
	build "$ROOT" "$REPO"
	echo "Exporting $BASE_SHORT into $BASE_DIR and building it into $BASE_REPO" >&2
	rm -rf "$BASE_DIR"
	mkdir -p "$BASE_DIR"
	git archive "$BASE_COMMIT" | tar -x -C "$BASE_DIR"
	if [ ! -d "$BASE_REPO" ]; then
		mkdir -p "$BASE_REPO"
		(cd "$REPO" && tar --exclude=./dev/singletable -cf - .) | (cd "$BASE_REPO" && tar -xf -)
	fi
	build "$BASE_DIR" "$BASE_REPO"
fi

run() { # <side> <mode> <turn>
	local side=$1 mode=$2 turn=$3 dir repo args
	if [ "$side" = base ]; then dir=$BASE_DIR; repo=$BASE_REPO; else dir=$ROOT; repo=$REPO; fi
	case "$mode" in
		cpu) args=$CPU_ARGS ;;
		throughput) args=$THROUGHPUT_ARGS ;;
		reactive) args=$REACTIVE_ARGS ;;
		*) echo "Unknown mode '$mode'; use cpu, throughput or reactive" >&2; exit 2 ;;
	esac
	echo "[$(date -u +%H:%M:%S)] turn $turn: $mode on $side (load: $(cut -d' ' -f1-3 /proc/loadavg))" >&2
	echo "$(date -u +%H:%M:%S) $turn $mode $side $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
	(cd "$dir" && DDB_LOCAL_TELEMETRY=0 mvn -q $MVN_FLAGS -Dmaven.repo.local="$repo" -pl benchmarks exec:exec \
		-Dbenchmarks.args="$args" -Dbenchmarks.output="$OUT/reactive-$side-$turn.md" \
		> "$OUT/$mode-$side-$turn.out" 2> "$OUT/$mode-$side-$turn.err")
}

if [ "${SUMMARY_ONLY:-0}" != 1 ]; then
rm -f "$OUT"/*.out "$OUT"/*.err "$OUT"/reactive-*.md "$OUT/load.txt"
for turn in $(seq 1 "$TURNS"); do
	if [ $((turn % 2)) = 1 ]; then order="base current"; else order="current base"; fi
	for mode in $MODES; do
		for side in $order; do
			run "$side" "$mode" "$turn"
		done
	done
done
echo "$(date -u +%H:%M:%S) end $(cut -d' ' -f1-3 /proc/loadavg)" >> "$OUT/load.txt"
fi

python3 - "$OUT" "$BASE_SHORT" "$CURRENT_SHORT" "$MODES" <<'PY'
import glob, os, re, statistics, sys

out, base, current, modes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4].split()
NUMBER = re.compile(r"[0-9][0-9,]*\.?[0-9]*")

def number(cell):
    return float(NUMBER.search(cell).group().replace(",", ""))

def rows(text, header):
    """The rows of the first Markdown table whose header starts with header, as lists of cells."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(header):
            table = []
            for row in lines[i + 2:]:
                if not row.startswith("|"):
                    break
                table.append([cell.strip() for cell in row.strip().strip("|").split("|")])
            return table
    raise LookupError("no table '%s'" % header)

def ratios(mode, text):
    """(row, ratio name, lower is better, value) of one run's output."""
    if mode == "cpu":
        for cells in rows(text, "| Operation | singletable µs"):
            yield "4. CPU: " + cells[0], "vs floor", True, number(cells[4])
            yield "4. CPU: " + cells[0], "vs peer", True, number(cells[5])
            yield "4. CPU: " + cells[0], "singletable KB allocated/op", True, number(cells[6].split("/")[0])
        for line in text.splitlines():
            if ": requests per operation, singletable " in line:
                row, counts = line.split(": requests per operation, ")
                yield "4. CPU: " + row, "singletable requests/op", True, number(counts)
    elif mode == "throughput":
        for cells in rows(text, "| Operation | singletable |"):
            yield "1. ops/s: " + cells[0], "vs floor", False, number(cells[4])
            yield "1. ops/s: " + cells[0], "vs peer", False, number(cells[5])
    elif mode == "reactive":
        for cells in rows(text, "| Operation | throughput vs blocking"):
            row = "10. reactive API: " + cells[0]
            yield row, "ops/s vs blocking API, paired by round", False, number(cells[1])
            yield row, "ops/s vs peer, paired by round", False, number(cells[2])
            yield row, "CPU/op vs blocking API", True, number(cells[7])
            yield row, "CPU/op vs peer", True, number(cells[8])
        apis = {}
        for cells in rows(text, "| Operation | API |"):
            apis[(cells[0], cells[1].split()[0])] = (number(cells[2]), number(cells[6]))
        for operation in dict.fromkeys(key[0] for key in apis):
            blocking, peer = apis[(operation, "blocking")], apis[(operation, "peer")]
            yield "10. blocking API: " + operation, "ops/s vs peer, medians", False, blocking[0] / peer[0]
            yield "10. blocking API: " + operation, "CPU/op vs peer", True, blocking[1] / peer[1]

figures = {}
for mode in modes:
    for path in sorted(glob.glob(os.path.join(out, "%s-*-*.out" % mode))):
        side, turn = os.path.basename(path)[len(mode) + 1:-4].split("-")
        with open(path, encoding="utf-8") as f:
            try:
                found = list(ratios(mode, f.read()))
            except LookupError as ex:
                print("Left out %s (unfinished or failed: see the .err file beside it): %s" % (path, ex), file=sys.stderr)
                continue
        for row, name, lower, value in found:
            figures.setdefault((row, name, lower), {}).setdefault(side, []).append(value)

def fmt(name, value):
    return ("%.0f" if "KB" in name else "%.1f" if "requests" in name else "%.2f") % value

def compare(name, lower, before, after):
    """The cell of one ratio: medians of each side, the difference and the noise, and the verdict."""
    b, a = statistics.median(before), statistics.median(after)
    noise = max(max(before) - min(before), max(after) - min(after))
    cell = "%s → %s (%s%s, noise %s)" % (fmt(name, b), fmt(name, a), "+" if a >= b else "-", fmt(name, abs(a - b)),
                                          fmt(name, noise))
    if abs(a - b) > noise:
        cell += " **better**" if (a < b) == lower else " **worse**"
    return cell

# One table per section: a row per benchmark row, a column per ratio, each "base → current (difference, noise)",
# flagged when the difference is larger than the noise
sections = {}
for (row, name, lower), sides in figures.items():
    if sides.get("base") and sides.get("current"):
        section, label = row.split(": ", 1)
        sections.setdefault(section, {}).setdefault(label, {})[(name, lower)] = sides
for section, table in sections.items():
    names = list(dict.fromkeys(key for cells in table.values() for key in cells))
    turns = [max(len(sides[side]) for cells in table.values() for sides in cells.values()) for side in ("base", "current")]
    print("%s, base %s → current %s (medians of %d and %d turns)\n" % (section, base, current, turns[0], turns[1]))
    print("| Row | " + " | ".join("%s (%s is better)" % (name, "lower" if lower else "higher") for name, lower in names) + " |")
    print("|---|" + "---|" * len(names))
    for label, cells in table.items():
        print("| %s | %s |" % (label, " | ".join(compare(name, lower, cells[(name, lower)]["base"], cells[(name, lower)]["current"])
                                               if (name, lower) in cells else "" for name, lower in names)))
    print()

print("Per turn (base, then current):\n")
print("| Row | ratio | base %s | current %s |" % (base, current))
print("|---|---|---|---|")
for (row, name, lower), sides in figures.items():
    print("| %s | %s | %s | %s |" % (row, name, " ".join(fmt(name, v) for v in sides.get("base", [])),
                                     " ".join(fmt(name, v) for v in sides.get("current", []))))
PY
echo "Load (1, 5, 15 min) at the start of each run:" >&2
cat "$OUT/load.txt" >&2
