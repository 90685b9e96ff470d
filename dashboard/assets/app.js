/* Client-side helpers: keep the URL in step with the filters, refresh the reports grid, keep the
 * filters when moving between pages. */
(function () {
    "use strict";
    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.casualty = {
        /* Write the filters' query string into the address bar without reloading the page. */
        syncUrl: function (query) {
            if (typeof query === "string" && window.location.search !== query &&
                !(query === "" && window.location.search === "?")) {
                window.history.replaceState(window.history.state, "", window.location.pathname + query);
            }
            return window.dash_clientside.no_update;
        },
        /* A filter or view change drops the drill-down (unless there is none). */
        resetSelection: function () {
            var current = arguments[arguments.length - 1];
            var no = window.dash_clientside.no_update;
            if (current === null || current === undefined) {
                return [no, no, no, no];
            }
            return [null, "", true, false];
        },
        /* Show the reports or the notes pane; ask the server for notes only while their tab is open. */
        notesTrigger: function (tab) {
            var notes = tab === "notes";
            return [notes ? Date.now() : window.dash_clientside.no_update, tab !== "reports", !notes];
        },
        /* Drop the grid's cached blocks so that it asks the server again with the new filters. */
        refreshGrid: function () {
            if (window.dash_ag_grid && window.dash_ag_grid.getApiAsync) {
                window.dash_ag_grid.getApiAsync("reports-grid").then(function (api) {
                    api.purgeInfiniteCache();
                    if (api.paginationGoToFirstPage) {
                        api.paginationGoToFirstPage();
                    }
                }).catch(function () {});
            }
            return window.dash_clientside.no_update;
        }
    };

    /* Links marked keep-query carry the current filters to the next page. */
    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a.keep-query") : null;
        if (link && !/\/article$/.test(window.location.pathname)) {
            link.href = link.pathname + window.location.search;
        }
    }, true);
})();
