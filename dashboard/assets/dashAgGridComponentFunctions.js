/* Cell renderers for the dashboard's ag-grids.
 * Text from articles is passed to React as string children, which React turns into DOM text nodes:
 * markup in a sentence is shown as characters and never parsed or run (no HTML strings are set). */
(function () {
    "use strict";
    var funcs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

    function articleHref(data) {
        return "article?id=" + encodeURIComponent(String(data.article_id || "")) +
            (data.report_id ? "&report=" + encodeURIComponent(String(data.report_id)) : "");
    }

    function text(value) {
        return value === null || value === undefined ? "" : String(value);
    }

    /* The sentence with the figure's number phrase in <mark>, linked to the article page. */
    funcs.SentenceCell = function (props) {
        var data = props.data;
        if (!data) {
            return null;
        }
        var children = [text(data.pre)];
        if (data.mark) {
            children.push(React.createElement("mark", {key: "m", className: "figure-mark"}, text(data.mark)));
            children.push(text(data.post));
        }
        return React.createElement(
            "a",
            {href: articleHref(data), target: "_blank", rel: "noopener noreferrer", className: "sentence-link",
             title: text(data.title)},
            children
        );
    };

    /* The outlet, linked to the article on its own site: http(s) addresses only (the server drops others too). */
    funcs.OutletLink = function (props) {
        var data = props.data;
        if (!data) {
            return null;
        }
        var url = text(data.url);
        var label = text(props.value) || (url ? url.replace(/^https?:\/\/(www\.)?/i, "").split("/")[0] : "");
        if (!/^https?:\/\//i.test(url)) {
            return label;
        }
        return React.createElement(
            "a", {href: url, target: "_blank", rel: "noopener noreferrer nofollow", className: "source-link",
                  title: url}, label
        );
    };

    /* A note's sentence, linked to its article. */
    funcs.ArticleLinkCell = function (props) {
        var data = props.data;
        if (!data) {
            return null;
        }
        return React.createElement(
            "a",
            {href: articleHref(data), target: "_blank", rel: "noopener noreferrer", className: "sentence-link",
             title: text(data.title)},
            text(props.value)
        );
    };
})();
