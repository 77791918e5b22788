package io.hacamel.bridge.support;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The user name and password a URL may carry ({@code http://user:password@host}): masked wherever a URL is shown or
 * logged, and taken out of the URLs the bridge connects to.
 */
public final class UrlUserInfo {

    public static final String MASK = "****";
    /**
     * A scheme, then everything up to the last {@code @} before the path's query, fragment or the end of the word: a
     * password may hold an unescaped {@code @} or {@code /}, and showing too little of an address is the safe side.
     */
    private static final Pattern USER_INFO = Pattern.compile("(\\b[a-zA-Z][a-zA-Z0-9+.-]*://)[^?#\\s\"'<>]*@");

    private UrlUserInfo() {
    }

    /** The text with the user info of every URL in it replaced by {@value #MASK}; null stays null. */
    public static String mask(String text) {
        return text == null || text.indexOf('@') < 0 ? text
                : USER_INFO.matcher(text).replaceAll("$1" + MASK + "@");
    }

    /** The URL without its user info (also when Java sees no host in it, as in {@code home_assistant:8123}). */
    public static URI strip(URI url) {
        String authority = url.getRawAuthority();
        if (authority == null || authority.indexOf('@') < 0) {
            return url;
        }
        return URI.create(url.getScheme() + "://" + authority.substring(authority.lastIndexOf('@') + 1)
                + (url.getRawPath() == null ? "" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                + (url.getRawFragment() == null ? "" : "#" + url.getRawFragment()));
    }

    /** True when the URL carries a user name or password. */
    public static boolean present(URI url) {
        return url.getRawAuthority() != null && url.getRawAuthority().indexOf('@') >= 0;
    }
}
