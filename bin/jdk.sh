# Sourced by bin/modelport and bin/test: exports JAVA_HOME as a JDK >= 21, or exits saying what is missing.
# Order: JAVA_HOME if set, else the Temurin 25 JDK if present, else `java` on PATH if it is >= 21.
temurin=/usr/lib/jvm/temurin-25-jdk-amd64

# Major version of a JDK home, from its release file (fast), else from `java -version`.
java_major() {
  local java_home="$1" version=""
  if [ -f "$java_home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release")
  fi
  if [ -z "$version" ] && [ -x "$java_home/bin/java" ]; then
    version=$("$java_home/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  fi
  echo "${version:-0}"
}

if [ -n "${JAVA_HOME:-}" ]; then
  if [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
    echo "modelport: JAVA_HOME=$JAVA_HOME is Java $(java_major "$JAVA_HOME"); Modelport needs a JDK 21 or newer (e.g. $temurin)" >&2
    exit 1
  fi
elif [ -x "$temurin/bin/java" ]; then
  JAVA_HOME="$temurin"
elif command -v java >/dev/null 2>&1; then
  JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
  if [ "$(java_major "$JAVA_HOME")" -lt 21 ]; then
    echo "modelport: found only Java $(java_major "$JAVA_HOME") ($(command -v java)); install a JDK 21 or newer (e.g. Temurin 25) or set JAVA_HOME to one" >&2
    exit 1
  fi
else
  echo "modelport: no Java found; install a JDK 21 or newer (e.g. Temurin 25) or set JAVA_HOME to one" >&2
  exit 1
fi
export JAVA_HOME
