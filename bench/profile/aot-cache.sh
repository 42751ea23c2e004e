# Sourced by bench/profile's scripts: waiting for /ready, and an AOT cache trained the way
# bench/run and the deploy kits train it (the probes and one stream). Needs $java and $port.

# Waits until /ready answers 200; exits when the app (pid $1, log $2) died first.
wait_ready() {
	until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/ready")" = 200 ]; do
		kill -0 "$1" 2> /dev/null || { echo "the app died: see $2" >&2; exit 1; }
		sleep 0.01
	done
}

# Extracts JAR to DIR/app and trains DIR/app.aot with Spring AOT on, plus any JVM flags
# given after DIR (a cache is refused when the timed starts' flags change the module graph,
# as JFR's do, so those must be given here too). Prints the extracted jar's path.
train_aot_cache() {
	local jar=$1 dir=$2 pid app
	shift 2
	rm -rf "$dir/app" && mkdir -p "$dir" && "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir/app" > /dev/null
	app=$(ls "$dir"/app/*.jar)
	"$java" -XX:AOTCacheOutput="$dir/app.aot" -Dspring.aot.enabled=true "$@" -jar "$app" --server.port="$port" \
		--server.address=127.0.0.1 > "$dir/training.log" 2>&1 &
	pid=$!
	wait_ready $pid "$dir/training.log"
	for path in live ready health; do curl -s "http://127.0.0.1:$port/$path" > /dev/null; done
	curl -sN --max-time 30 "http://127.0.0.1:$port/api/reasoning/query?query=training" > /dev/null || true
	kill $pid && wait $pid || true
	echo "$app"
}
