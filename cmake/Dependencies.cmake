# Every dependency comes from Debian's apt (tools/install-deps.sh); see docs/dependencies.md.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(RocksDB CONFIG REQUIRED)
find_package(FlatBuffers CONFIG REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
