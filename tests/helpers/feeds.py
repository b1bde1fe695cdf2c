"""Shared feed texts: a tech wire reporting the Xiaomi-BAIC rumour, and Xiaomi's newsroom
confirming it (the end-to-end and daemon tests serve them from the local feed server)."""

from __future__ import annotations

RUMOUR_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Tech wire</title><link>https://technode.com/</link>
<item><title>Xiaomi reportedly in talks with BAIC to build electric cars, sources say</title>
<link>https://technode.com/2021/03/29/xiaomi-baic-talks/?utm_source=rss&amp;utm_medium=feed</link>
<guid>technode-1</guid>
<description>&lt;p&gt;Xiaomi is &lt;b&gt;said&lt;/b&gt; to be in talks with Beijing Automotive Group (BAIC)
to make electric vehicles at a BAIC BluePark plant.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description>
<pubDate>Mon, 29 Mar 2021 08:00:00 GMT</pubDate></item>
<item><title>Apple unveils a new iPad Pro with an M1 chip</title>
<link>https://technode.com/2021/04/20/ipad/</link><guid>technode-2</guid></item>
</channel></rss>"""

OFFICIAL_RSS = b"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Xiaomi newsroom</title><link>https://www.mi.com/global/newsroom</link>
<item><title>Xiaomi officially confirms its electric car partnership with BAIC</title>
<link>https://www.mi.com/global/newsroom/xiaomi-baic-partnership</link><guid>mi-1</guid>
<description>Xiaomi today announced a partnership with BAIC to build electric cars.</description>
<pubDate>Tue, 30 Mar 2021 08:00:00 GMT</pubDate></item>
</channel></rss>"""
