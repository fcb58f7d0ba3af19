# One image recipe for all four services: docker build --build-arg SERVICE=Intake .
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN dotnet publish "services/${SERVICE}/Polri110.${SERVICE}.csproj" -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
ARG SERVICE
ENV SERVICE_DLL=Polri110.${SERVICE}.dll \
    ASPNETCORE_URLS=http://0.0.0.0:8080
WORKDIR /app
COPY --from=build /app .
EXPOSE 8080
ENTRYPOINT ["sh", "-c", "exec dotnet \"$SERVICE_DLL\""]
