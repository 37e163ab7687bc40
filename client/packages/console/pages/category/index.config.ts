export default definePageConfig({
  navigationBarTitleText: '编辑分类',
})
