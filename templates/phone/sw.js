{% load static %}// The phone app's service worker (rendered by observers/phone/views.py): this release's constants, then
// the worker itself, static/phone/sw-main.js. The release fingerprint covers that file, so changing it
// changes this script and phones install the new worker.
const RELEASE = "{{ version }}";
const SHELL = "{{ shell }}";
const STATIC_PREFIX = "{{ static_prefix }}";
const PRECACHE = {{ precache|safe }};
importScripts("{% static 'phone/sw-main.js' %}");
