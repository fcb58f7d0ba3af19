# One image recipe for the four services and the console: docker build --build-arg SERVICE=Intake .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
# ReadyToRun: the service and its libraries compiled ahead, so a restarted container serves at speed at once; published
# so, it recompiles only its hottest methods, in the background, and compiles what ReadyToRun left out optimised at once
# (Directory.Build.props says why).
RUN dotnet publish "services/${SERVICE}/Polri110.${SERVICE}.csproj" -c Release --use-current-runtime --self-contained false \
    -p:PublishReadyToRun=true -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
# Urls, not ASPNETCORE_URLS: each service's appsettings.json names its local port under "Urls", which wins over the
# ASPNETCORE_ variable but not over this one (the application's own environment settings come last).
# DOTNET_GCgen0size: a 16 MiB young generation, not one sized by the host's CPU cache (see run.sh).
ENV SERVICE_DLL=Polri110.${SERVICE}.dll \
    Urls=http://0.0.0.0:8080 \
    DOTNET_GCgen0size=0x1000000
WORKDIR /app
COPY --from=build /app .
# The image's unprivileged user (aspnet images have one): a service needs no root.
USER $APP_UID
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_DLL\""]
