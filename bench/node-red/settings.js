// Node-RED settings for the minewatch benchmark (bench/run starts Node-RED with these).
// Broker and InfluxDB come from the environment the harness sets: MQTT_HOST, MQTT_PORT, INFLUX_HOST, INFLUX_PORT,
// INFLUX_DB; the editor listens on NODE_RED_PORT on loopback.
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: parseInt(process.env.NODE_RED_PORT || "1880", 10),
    flowFilePretty: true,
    // The flow has no credentials; a fixed secret keeps Node-RED from generating and storing one.
    credentialSecret: "minewatch-bench",
    logging: { console: { level: "info", metrics: false, audit: false } },
    editorTheme: { tours: false, projects: { enabled: false } },
    functionExternalModules: false,
    contextStorage: { default: { module: "memory" } }
};
