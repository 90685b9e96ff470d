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
        /* Untick every row of the reports grid (after a decision: its rows are done with). */
        untickGrid: function () {
            if (window.dash_ag_grid && window.dash_ag_grid.getApiAsync) {
                window.dash_ag_grid.getApiAsync("reports-grid").then(function (api) {
                    api.deselectAll();
                }).catch(function () {});
            }
            return window.dash_clientside.no_update;
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

    /* On a phone (narrower than 576px) the reports table keeps the columns one reads first (date, figure and
     * sentence: the others stay in the downloads) and the timeline drops the period totals' legend
     * (each line says its source on touch). Applied whenever the grid or the chart is drawn again. */
    var PHONE_WIDTH = 576;
    var PHONE_COLUMNS = ["date", "count_best", "sentence"];
    function narrow() { return window.innerWidth < PHONE_WIDTH; }
    var gridDone = null;
    function phoneGrid() {
        if (!document.getElementById("reports-grid") || !window.dash_ag_grid || !window.dash_ag_grid.getApiAsync) {
            gridDone = null;
            return;
        }
        if (gridDone === narrow()) { return; }
        gridDone = narrow();
        window.dash_ag_grid.getApiAsync("reports-grid").then(function (api) {
            var hide = api.getColumns().map(function (c) { return c.getColId(); }).filter(function (id) {
                return PHONE_COLUMNS.indexOf(id) < 0 && id.indexOf("ag-Grid-") !== 0;
            });
            api.setColumnsVisible(hide, !narrow());
            var view = document.querySelector("#reports-grid .ag-center-cols-viewport");
            var fit = view ? Math.max(120, view.clientWidth - 44 - 84 - 54 - 2) : 160;
            api.applyColumnState({state: [
                {colId: "date", width: narrow() ? 84 : 92},
                {colId: "count_best", width: narrow() ? 54 : 62},
                narrow() ? {colId: "sentence", flex: null, width: fit} : {colId: "sentence", flex: 1}]});
        }).catch(function () { gridDone = null; });
    }
    function phoneCharts() {
        document.querySelectorAll("#timeline .js-plotly-plot").forEach(function (gd) {
            var legend = gd.layout && gd.layout.legend2;
            if (legend && window.Plotly && (legend.visible === false) !== narrow()) {
                window.Plotly.relayout(gd, {"legend2.visible": !narrow()});
            }
        });
    }
    var pending = false;
    function phone() {
        if (pending) { return; }
        pending = true;
        window.requestAnimationFrame(function () { pending = false; phoneGrid(); phoneCharts(); });
    }
    new MutationObserver(phone).observe(document.documentElement, {childList: true, subtree: true});
    window.addEventListener("resize", function () { gridDone = null; phone(); });

    /* Links marked keep-query carry the current filters to the next page. */
    document.addEventListener("click", function (event) {
        var link = event.target && event.target.closest ? event.target.closest("a.keep-query") : null;
        if (link && !/\/article$/.test(window.location.pathname)) {
            link.href = link.pathname + window.location.search;
        }
    }, true);
})();
