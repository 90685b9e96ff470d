/* Functions the dashboard's ag-grid column definitions call by name (see dashboard/components.py). */
(function () {
    "use strict";
    var funcs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

    function number(value) {
        return value === null || value === undefined ? "…" : Number(value).toLocaleString("en-US");
    }

    /* A report's low–high bounds when either differs from its best count, else "" (an exact figure). */
    funcs.casualtyRange = function (data) {
        if (!data) {
            return "";
        }
        var low = data.count_low, high = data.count_high, best = data.count_best;
        var same = function (v) { return v === null || v === undefined || v === best; };
        if (same(low) && same(high)) {
            return "";
        }
        return number(low) + "–" + number(high);
    };
})();
