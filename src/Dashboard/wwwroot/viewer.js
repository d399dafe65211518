// Tells the server, through cookies it reads at prerender, what only the browser knows: its time zone and whether
// the system is in dark mode (so the first paint is already in the right colours). Loaded in <head>, before the page
// renders. The theme the person picks is written here too (called from the layout through JS interop).
(function () {
    const year = 60 * 60 * 24 * 365;
    function set(name, value) {
        document.cookie = name + "=" + encodeURIComponent(value) + "; path=/; max-age=" + year + "; samesite=lax";
    }

    try {
        set("dashboard.tz", Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
    } catch (e) {
        // No Intl time zone support: the server keeps showing UTC.
    }
    set("dashboard.system-dark", window.matchMedia("(prefers-color-scheme: dark)").matches ? "1" : "0");

    window.dashboardViewer = {
        // "light", "dark", or "system" (forget the choice and follow the system again).
        setTheme: function (choice) {
            if (choice === "system") {
                document.cookie = "dashboard.theme=; path=/; max-age=0; samesite=lax";
            } else {
                set("dashboard.theme", choice);
            }
        },
        // An IANA zone to show times in, or "" to follow the browser's again.
        setTimeZone: function (zone) {
            if (zone) {
                set("dashboard.tz-choice", zone);
            } else {
                document.cookie = "dashboard.tz-choice=; path=/; max-age=0; samesite=lax";
            }
        }
    };
})();
