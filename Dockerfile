# One image recipe for every service: docker build --build-arg MODULE=unit-service .
# (docker-compose.yml builds each service this way.)

FROM eclipse-temurin:17-jdk AS build
ARG MODULE
RUN test -n "$MODULE" || (echo "set the build argument MODULE, e.g. --build-arg MODULE=gateway" >&2; exit 1)
WORKDIR /src
COPY . .
# -am builds only what the module needs (events, platform); the reactor needs every module's pom present
RUN ./mvnw -B -ntp -q -DskipTests -pl "$MODULE" -am package \
 && cp "$MODULE/target/$MODULE.jar" /app.jar

FROM eclipse-temurin:17-jre
ARG MODULE
LABEL org.opencontainers.image.title="phoihop-${MODULE}"
# curl for the health check
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin phoihop \
 && mkdir -p /app /data \
 && chown phoihop /data
COPY --from=build /app.jar /app/app.jar
USER phoihop
WORKDIR /app
# PHOIHOP_DATA holds what the auth-server keeps (signing key); mount a volume there
ENV PHOIHOP_DATA=/data \
    JAVA_OPTS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD curl -fsS "http://localhost:${SERVER_PORT:-8080}/actuator/health" > /dev/null || exit 1
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
